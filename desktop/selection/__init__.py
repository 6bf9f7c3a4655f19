"""Translating the text selected in any application: popup, tray, global shortcut, D-Bus, CLI."""
