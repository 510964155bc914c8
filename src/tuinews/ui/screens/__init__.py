"""Screens: the main three-pane screen and the dialogs pushed over it."""
