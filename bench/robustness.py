"""The long robustness runs: 10,000+ fuzz inputs over every parser, a SIGKILL loop, and
hostile servers (inflating bombs, servers that trickle: bench/hostile_servers.py).

    python -m bench.robustness [--examples 10000] [--kills 10] [--deadline 20] [--hostile-only]

`make test` runs the same properties with a small profile (tests/unit/test_fuzz_parsers.py)
and one SIGKILL (tests/robustness/test_crash_safety.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def fuzz(examples: int) -> None:
    sys.path.insert(0, str(TESTS))
    sys.path.insert(0, str(TESTS / "unit"))
    import test_fuzz_parsers as props
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    long = settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    runs = {
        "random bytes": given(st.binary(max_size=8192))(props.check),
        "mutated fixtures": given(props.mutated())(props.check),
        "structured hostile feeds": given(props.hostile_feed())(props.check),
    }
    for name, test in runs.items():
        started = time.perf_counter()
        long(test)()
        print(
            f"fuzz {name}: {examples} inputs, no exception, {time.perf_counter() - started:.1f} s"
        )


def kills(count: int) -> None:
    sys.path.insert(0, str(TESTS))
    from robustness.crash import PER_SOURCE, SOURCES, kill_mid_import, write_sources

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources"
        write_sources(folder)
        bad = 0
        for run in range(count):
            after = kill_mid_import(
                folder, Path(tmp) / f"store-{run}.db", after_sources=1 + run * 7
            )
            whole = set(after.per_source) <= {PER_SOURCE}
            right = after.articles_after_rerun == after.distinct_after_rerun == SOURCES * PER_SOURCE
            ok = after.integrity == "ok" and whole and right
            bad += not ok
            print(
                f"kill {run + 1}: {len(after.per_source)} of {SOURCES} sources had landed, "
                f"integrity {after.integrity}, re-run gave {after.articles_after_rerun} articles "
                f"-> {'ok' if ok else 'FAILED'}"
            )
        print(f"SIGKILL loop: {count - bad} of {count} runs left a sound store")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--deadline", type=float, default=20.0, help="the fetch's timeout_seconds")
    parser.add_argument("--hostile-only", action="store_true", help="only the hostile servers")
    args = parser.parse_args()
    if not args.hostile_only:
        fuzz(args.examples)
        kills(args.kills)
    from bench.hostile_servers import bombs, slow_servers

    bombs()
    slow_servers(args.deadline)


if __name__ == "__main__":
    main()
