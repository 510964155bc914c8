"""The importer: sniff a source, parse it into ArticleDrafts, store them per source."""
