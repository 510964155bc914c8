"""Feed subscriptions: refresh with conditional GET and bounded concurrency.

`refresh.refresh_feeds()` fetches every subscription (exports live in `tuinews.export`).
Importing this package stays cheap.
"""
