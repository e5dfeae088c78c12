"""The Textual application: screens, widgets and one stylesheet."""
