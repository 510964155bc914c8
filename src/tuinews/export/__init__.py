"""Writing the store out: subscriptions as OPML (`opml`), articles as JSON Lines (`json_lines`)."""
