"""timeline-explorer: explore who did and said what, and when, in the terminal."""

__version__ = "0.1.0"
