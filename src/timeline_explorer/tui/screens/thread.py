"""The thread screen: the reply chain an entry belongs to, as a tree from the entry it answers.

Enter (or a click) on an entry opens it, through the same :class:`Link.Followed` message the
links on entry and actor pages post; Space folds a branch; Esc closes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.screen import Screen
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...index import TimelineIndex
from ...kinds import KIND_COLOURS
from ...model import Entry
from ...plain import entry_label
from ...safetext import one_line
from ...threads import ThreadNode, build_thread, thread_children, thread_parent
from ..widgets.header import TimelineHeader
from ..widgets.key_bar import KeyBar
from ..widgets.links import Link, Target

MAX_DEPTH = 8
"""Levels of indentation at most; deeper entries are listed flat (a reply chain can be
thousands deep, and a guide per level would fill the screen)."""

_RELATION_WORDS = {"root": "", "reply": "reply", "said at": "said here"}


def thread_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """The colours of a thread's lines from the theme's variables: the date as the list's
    muted columns (the foreground at 75% over the surface), each kind in its ``$kind-…``."""
    surface = Color.parse(variables.get("surface", "#000000"))
    foreground = Color.parse(variables.get("foreground", "#ffffff"))
    colours = {"date": surface.blend(foreground, 0.75).hex}
    for kind, colour in KIND_COLOURS.items():
        if colour.theme in variables:
            colours[kind] = variables[colour.theme]
    return colours


def node_label(
    index: TimelineIndex,
    node: ThreadNode,
    current: bool,
    parent: Entry | None = None,
    colours: Mapping[str, str] | None = None,
) -> Text:
    """One line for an entry of the thread: a ``▶`` before the entry it was opened from, date,
    kind, how it hangs on its parent, and its title or speaker and words (all data made
    visible, kept as Text, never read as markup). ``parent`` is named when the tree no longer
    shows it by indenting; ``colours`` come from the theme (:func:`thread_colours`)."""
    colours = colours or {}
    entry = node.entry
    text = Text(no_wrap=True, overflow="ellipsis")
    if current:
        text.append("▶ ", "bold")
    text.append(one_line(entry.date.display()), colours.get("date", ""))
    text.append("  ")
    text.append(entry.kind_label, colours.get(entry.kind_label, ""))
    word = _RELATION_WORDS[node.relation]
    if word and parent is not None:
        word += (
            f" to {one_line(parent.id)}"
            if node.relation == "reply"
            else f" ({one_line(parent.id)})"
        )
    if word:
        text.append(f"  {word}", f"{colours.get('date', '')} italic")
    text.append("  ")
    text.append(entry_label(index, entry.id, 120), "bold" if current else "")
    return text


class ThreadTree(Tree[str]):
    """A thread as a tree; each node's data is its entry id (None for a "more" line)."""

    DEFAULT_CSS = """
    ThreadTree {
        height: 1fr;
        padding: 0 1;
        overflow-x: hidden;
    }
    /* The cursor is its line in reverse video, as the timeline list's: the same pairs of
       colours as any line, swapped, so it reads at the contrast of the rest. */
    ThreadTree > .tree--cursor, ThreadTree:focus > .tree--cursor {
        background: $surface;
        color: $foreground;
        text-style: underline;
    }
    ThreadTree:focus > .tree--cursor {
        text-style: bold reverse;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", tooltip="Open this entry"),
        Binding("space", "toggle_node", "Fold", tooltip="Fold or unfold the entries under it"),
    ]

    def __init__(self, index: TimelineIndex, entry: Entry, *, id: str | None = None) -> None:
        thread = build_thread(index, entry)
        self.colours = thread_colours(self.app.theme_variables)
        root_label = node_label(index, thread, thread.entry.id == entry.id, None, self.colours)
        super().__init__(root_label, id=id)
        self.auto_expand = False  # Enter opens the entry; Space folds
        self.index = index
        self.thread = thread
        self.entry_id = entry.id
        self.current_node: TreeNode[str] = self.root
        self._fill()

    def _fill(self) -> None:
        """Add every node of the thread in order, without recursion (a chain can be long).

        Below :data:`MAX_DEPTH` levels the tree stops indenting: deeper entries are listed
        in order under the last indented one, each saying what it replies to.
        """
        self.root.data = self.thread.entry.id
        self.root.expand()
        if self.thread.entry.id == self.entry_id:
            self.current_node = self.root
        # (tree node the children go under, thread node, depth of its children, children left)
        stack = [(self.root, self.thread, 1, iter(self.thread.children))]
        while stack:
            parent, node, depth, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if node.more:
                    parent.add_leaf(
                        Text(f"… and {node.more:,} more, not shown here", "italic dim"), None
                    )
                continue
            flat = depth > MAX_DEPTH
            current = child.entry.id == self.entry_id
            label = node_label(
                self.index, child, current, node.entry if flat else None, self.colours
            )
            has_children = bool(child.children or child.more)
            if has_children and not flat:
                added = parent.add(label, child.entry.id, expand=True)
            else:
                added = parent.add_leaf(label, child.entry.id)
            if current:
                self.current_node = added
            if has_children:
                under = parent if flat else added
                stack.append((under, child, depth + 1, iter(child.children)))


class ThreadScreen(Screen[None]):
    """The reply chain containing an entry, with the cursor on that entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close the thread"),
    ]

    def __init__(self, index: TimelineIndex, entry_id: str) -> None:
        """Args:
        index: The timeline.
        entry_id: Any entry of the thread (the cursor starts on it).
        """
        super().__init__()
        self.index = index
        self.entry_id = entry_id

    def compose(self) -> ComposeResult:
        """Header, tree, key bar."""
        yield TimelineHeader(id="header")
        entry = self.index.entry(self.entry_id)
        if entry is not None:
            yield ThreadTree(self.index, entry, id="thread")
        yield KeyBar()

    def on_mount(self) -> None:
        """Say whose thread it is; put the cursor on the entry it was opened from."""
        trees = self.query(ThreadTree)
        if not trees:
            self.query_one(TimelineHeader).show_path(["thread", f"no entry {self.entry_id}"])
            return
        tree = trees.first()
        count = len(tree.thread.walk())
        root = tree.thread.entry
        self.query_one(TimelineHeader).show(
            f"Thread: {entry_label(self.index, root.id, 80)}", count, count, []
        )
        tree.focus()
        tree.move_cursor(tree.current_node)

    def on_tree_node_selected(self, message: Tree.NodeSelected[str]) -> None:
        """Enter or a click on an entry opens it."""
        message.stop()
        if message.node.data is not None:
            self.post_message(Link.Followed(Target("entry", message.node.data)))

    def action_close(self) -> None:
        """Close the thread."""
        self.dismiss(None)


def open_thread(screen: Screen[Any], entry: Entry) -> None:
    """Show the thread of ``entry`` over ``screen``, or say that it is in none.

    An entry is in a thread when it answers or was said at another, or another answers it
    or was said at it.
    """
    index = getattr(screen, "index", None)
    if not isinstance(index, TimelineIndex):
        return
    if thread_parent(index, entry) is None and not thread_children(index, entry):
        screen.notify(
            f"{one_line(entry.id)} is in no thread: it answers no entry and none answers it.",
            markup=False,
        )
        return
    screen.app.push_screen(ThreadScreen(index, entry.id))
