"""The floor for first paint: the smallest Textual app that shows a line of text."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class HelloApp(App[None]):
    """Hello, world."""

    def compose(self) -> ComposeResult:
        """One line."""
        yield Static("Hello, world")


if __name__ == "__main__":
    HelloApp().run()
