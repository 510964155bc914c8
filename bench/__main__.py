"""`python -m bench` (make bench): every benchmark, one after the other, with defaults.

Each one also runs alone: `python -m bench.import_speed`, `bench.feed_import`,
`bench.refresh_speed`, `bench.scale`, `bench.robustness`. The scale run builds 1k, 100k
and 1M article stores the first time (about ten minutes for the 1M one), then reuses them.
"""

import sys

from bench import feed_import, import_speed, refresh_speed, robustness, scale

if __name__ == "__main__":
    for benchmark in (import_speed, feed_import, refresh_speed, scale, robustness):
        sys.argv = [benchmark.__name__]
        print(f"== {benchmark.__name__}", flush=True)
        benchmark.main()
