"""The panes of the main screen: sidebar, article list, reader."""
