"""The settings that stay, as the app's actions: theme, detail pane and time-zone mode.

:class:`SettingsActions` is a base class of :class:`~.app.TimelineApp`: the settings are read at
start (:mod:`timeline_explorer.settings`) and written when changed, with ``keep_settings``.
"""

from __future__ import annotations

import dataclasses

from textual.app import App

from ..settings import TIME_ZONES, Settings, load_settings, save_settings
from . import themes
from .screens.home import HomeScreen
from .screens.list_screen import ListScreen
from .widgets.timeline_list import TimelineList, zone_label


class SettingsActions(App[None]):
    """Theme, detail pane and time-zone mode: the keys that change them, kept when asked."""

    settings: Settings
    keep_settings: bool
    sixteen: bool
    home: HomeScreen | None

    def _load_settings(self) -> list[str]:
        """Read the settings (with ``keep_settings``) and choose the theme; returns the problems
        of a broken file (ignored), for :meth:`_report_settings` once the app runs.

        Called before the app runs, so that the first styles are worked out for this theme: a
        theme set once the app runs parses the styles again and applies them anew to every
        screen already built, before the first paint."""
        problems: list[str] = []
        dark = self.current_theme.dark
        if self.keep_settings:
            self.settings, problems = load_settings()
            dark = self.settings.theme != "light"
        self.theme = self.theme_name(dark=dark)
        return problems

    def _report_settings(self, problems: list[str]) -> None:
        """Say once what is wrong with the settings file."""
        if problems:
            self.notify(
                "\n".join(problems), title="Settings", severity="warning", timeout=8, markup=False
            )

    def _theme_changed(self, _theme: object) -> None:
        """A theme was chosen (a key or the palette): keep whether it is dark or light."""
        self._change_settings(theme="dark" if self.current_theme.dark else "light")

    def _change_settings(self, **changes: object) -> None:
        new = dataclasses.replace(self.settings, **changes)  # type: ignore[arg-type]
        if new == self.settings:
            return
        self.settings = new
        if self.keep_settings:
            problem = save_settings(new)
            if problem:
                self.notify(problem, severity="warning", timeout=6, markup=False)

    @property
    def detail_pane(self) -> bool:
        """Whether the home screen shows the detail pane beside the list (when wide enough)."""
        return self.settings.detail_pane

    def theme_name(self, *, dark: bool) -> str:
        """The dark or the light theme, in its 16-colour variant on a 16-colour terminal."""
        name = "textual-dark" if dark else "textual-light"
        return themes.sixteen_colour_theme(name) if self.sixteen else name

    def _theme_chosen(self, _theme: object) -> None:
        """A theme was chosen: on a 16-colour terminal it is shown in its variant; with
        settings kept, whether it is dark or light is kept."""
        if self.sixteen:
            variant = themes.sixteen_colour_theme(self.theme)
            if variant != self.theme:
                self.theme = variant
                return  # this change is signalled again
        if self.keep_settings:
            self._theme_changed(None)

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = self.theme_name(dark=not self.current_theme.dark)
        if not self.keep_settings:
            self._theme_changed(None)

    def action_toggle_pane(self) -> None:
        """Show or hide the detail pane of the home screen."""
        self._change_settings(detail_pane=not self.settings.detail_pane)
        if self.home is not None:
            self.home._layout(self.home.size.width, self.home.size.height)
        shown = "shown" if self.settings.detail_pane else "hidden"
        self.notify(f"Detail pane {shown}.", timeout=1.5, markup=False)

    def action_next_time_zone(self) -> None:
        """Cycle the time-zone mode: as written, UTC, local (kept for the next start)."""
        zones = TIME_ZONES
        mode = zones[(zones.index(self.settings.time_zone) + 1) % len(zones)]
        self._change_settings(time_zone=mode)
        for screen in self.screen_stack:
            for timeline in screen.query(TimelineList):
                timeline.refresh_zone()
            if isinstance(screen, ListScreen):
                screen.update_header()
        self.notify(f"Times {zone_label(mode)}.", timeout=3, markup=False)
