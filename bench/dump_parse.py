"""The page-dump parser alone: CPU per synthetic dump, without files or a store.

python -m bench.dump_parse [--dumps 300] [--repeat 5]

The dumps are made before the clock starts; the figure is the best of `--repeat` passes
(a shared machine only ever adds time). For a count that load does not change, run it under
valgrind and subtract a run of one dump from a run of 61 (`--repeat 1`): the difference over
60 is the instructions per dump, and the run of one dump the one-time cost (Python, imports,
the stoplists). See BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import time

from bench.synthetic import page_dump
from tuinews.importer.formats.textdump.parse import parse_text_dump


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dumps", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    dumps = [page_dump(n) for n in range(args.dumps)]
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        for text in dumps:
            parse_text_dump(text)
        best = min(best, time.process_time() - start)
    print(f"{args.dumps} dumps: {1000 * best / args.dumps:.2f} ms of CPU per dump (best pass)")


if __name__ == "__main__":
    main()
