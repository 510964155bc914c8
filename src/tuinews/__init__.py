"""tuinews: a terminal newsreader. Importing this package stays cheap: version only."""

__version__ = "0.1.0"
