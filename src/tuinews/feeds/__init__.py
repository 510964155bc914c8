"""Feed subscriptions: refresh with conditional GET and bounded concurrency, and exports.

`refresh.refresh_feeds()` fetches every subscription; `opml_export` and `json_export`
write the subscriptions and the articles out. Importing this package stays cheap.
"""
