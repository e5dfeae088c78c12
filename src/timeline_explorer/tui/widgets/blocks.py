"""The pieces an entry's details are drawn from: a :class:`Block` per line or paragraph, and
:func:`labelled` for a dim label beside a value that wraps under itself.

Shared by :mod:`.entry_details` (the entry page and the detail pane) and
:mod:`..sources` (an entry's sources), so that neither needs the other to draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ...safetext import one_line
from .links import Target

LABEL_WIDTH = 17
"""Cells of the label column, with the one blank that always parts it from the value."""


def labelled(label: str, value: Text) -> Table:
    """A dim label column beside a value that wraps under itself (a hanging indent), parted
    by a blank even when the label fills its column (``head of state of  United States``).

    The label may come from the data (a link's type): it is made visible and given to the grid
    as Text, which a table never reads as markup (a plain string it would).
    """
    grid = Table.grid(expand=True, padding=(0, 1))  # a blank between label and value
    grid.add_column(width=LABEL_WIDTH - 1, style="dim")
    grid.add_column(ratio=1)
    grid.add_row(Text(one_line(label)), value)
    return grid


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of an entry's details: what it shows, its kind, and where it links to.

    ``kind`` is the CSS class on the entry page and decides the spacing in the preview.
    """

    kind: str  # "entry-head", "title", "words", "fact", "link", "section"
    renderable: RenderableType
    target: Target | None = None
