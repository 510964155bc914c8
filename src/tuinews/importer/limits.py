"""Every limit the importer enforces, in one place: sizes, lengths, depths, time-outs.

Modules read them as `limits.NAME` when they are used (not copied at import), so that a
test can lower one with monkeypatch and every reader of it sees the change.
"""

from __future__ import annotations

# Sources are read whole (URLs, standard input, local files but feeds) up to this size;
# local feed files are read as a stream, up to MAX_STREAMED_FEED_BYTES (1 GiB).
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_STREAMED_FEED_BYTES = 1024 * 1024 * 1024
# From this size on a local feed is parsed by a worker process (which starts in ~0.25 s).
PROCESS_FEED_BYTES = 16 * 1024 * 1024
# An import of this many local files or more has a worker process parse most of them
# while this one stores them (ahead.py); this one parses the first PARSE_AHEAD_HEAD itself
# while the worker starts (0.25 to 0.5 s: about as long as a hundred page dumps take).
PARSE_AHEAD_FILES = 500
PARSE_AHEAD_HEAD = 100
# How much of a file's start is read to tell its format, or a feed's encoding.
HEAD_BYTES = 64 * 1024

# One article's text (body or summary) is kept up to this many characters, and cut at a
# paragraph with a note beyond it: a reader cannot show, nor a person read, more.
MAX_BODY_CHARS = 1_000_000
MAX_TITLE_CHARS = 1_000
MAX_CATEGORY_CHARS = 60

# OPML outlines nested deeper than this are not followed (no real reading list is).
MAX_OPML_DEPTH = 50

# Fetching a URL: the whole request's time-out, how many redirects are followed, and
# how many stacked Content-Encodings (gzip over gzip ...) are undone before refusing.
FETCH_TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
MAX_ENCODINGS = 4

# While another program writes to the store, a source waits this many busy timeouts of
# 10 s each (ten minutes) before it is reported as not imported.
IMPORT_BUSY_TRIES = 60

# Enclosures (podcast audio, video, files): how many one article keeps, and the largest
# file the reader downloads (a long video podcast episode is well under it).
MAX_ENCLOSURES = 20
MAX_ENCLOSURE_TYPE_CHARS = 100
MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024 * 1024
