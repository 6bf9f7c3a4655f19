"""The Translate pane."""
