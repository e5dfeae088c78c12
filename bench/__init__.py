"""Benchmarks of timeline-explorer, and the pseudo-terminal harness the tests share."""
