"""Plain text copied from news web pages: articles found among the page's furniture.

`parse` finds the articles; `lines` classifies each line, `meta` reads bylines and
dates, `body` assembles an article's text, `vocab` holds the words they look for.
"""
