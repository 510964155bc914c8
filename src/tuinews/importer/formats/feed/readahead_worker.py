"""The feed-reading worker process (see readahead.ReadAheadProcess).

Reads its job, a pickle, from stdin and writes pickled messages to stdout.
"""

from __future__ import annotations

import pickle
import sys

from tuinews.importer.formats.feed.readahead import serve


def main() -> None:
    job = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not break the stream of pickles
    serve(job, out)


if __name__ == "__main__":
    main()
