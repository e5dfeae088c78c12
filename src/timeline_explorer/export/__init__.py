"""Exports of a timeline to other formats: the shared field table, JSON, HTML and TimelineJS.

Everything here is pure: functions take a :class:`~timeline_explorer.index.TimelineIndex` and
timeline positions and return or yield text. Nothing knows about terminals or Textual.
"""
