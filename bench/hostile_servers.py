"""Hostile servers on 127.0.0.1: the peak memory of inflating bombs, the time to give up on
servers that trickle one byte at a time.

    python -m bench.hostile_servers [--deadline 20]

Each bomb is fetched by a fresh process (its peak resident memory is what the kernel
reports for it); the slow servers are fetched on threads and timed one by one.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
MIB = 1024 * 1024


def gzip_of_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(MIB)
    return b"".join([*(packer.compress(block) for _ in range(size // MIB)), packer.flush()])


def peak_of(command: list[str]) -> tuple[float, float, str]:
    """Run `command`; its peak resident memory in MiB, its seconds and its last line."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped above
    seconds = time.perf_counter() - started
    lines = output.strip().splitlines()
    return usage.ru_maxrss / 1024, seconds, lines[-1] if lines else ""


FETCH = (
    "import sys\n"
    "from tuinews.importer.errors import ImportFailure\n"
    "from tuinews.importer.fetch import fetch_url\n"
    "try:\n"
    "    print(len(fetch_url(sys.argv[1], max_bytes=64 * 1024 * 1024)), 'bytes')\n"
    "except ImportFailure as failure:\n"
    "    print('refused:', failure.reason)\n"
)


def bombs() -> None:
    sys.path.insert(0, str(TESTS))
    from httpserver import serve, static

    inner = gzip_of_zeros(1024 * MIB)
    cases = {
        "gzip, 1 GiB of zeros": (inner, "gzip"),
        "gzip, gzip (1 GiB inside)": (gzip.compress(inner), "gzip, gzip"),
        "gzip x3 (1 GiB inside)": (gzip.compress(gzip.compress(inner)), "gzip, gzip, gzip"),
    }
    routes = {
        f"/{n}": static(body, "application/rss+xml", **{"Content-Encoding": encoding})
        for n, (body, encoding) in enumerate(cases.values())
    }
    python = sys.executable
    baseline, _, _ = peak_of([python, "-c", "import tuinews.importer.fetch, httpx"])
    print(f"baseline (python, tuinews.importer.fetch and httpx imported): {baseline:.0f} MiB")
    with serve(routes) as (base, _), tempfile.TemporaryDirectory() as tmp:
        for n, (name, (body, _)) in enumerate(cases.items()):
            url = f"{base}/{n}"
            peak, seconds, said = peak_of([python, "-c", FETCH, url])
            sent = f"{len(body):,} bytes sent"
            print(f"fetch  {name}: {sent}, peak {peak:.0f} MiB, {seconds:.1f} s: {said}")
            db = str(Path(tmp) / f"store-{n}.db")
            peak, seconds, said = peak_of([python, "-m", "tuinews", "import", "--db", db, url])
            print(f"import {name}: peak {peak:.0f} MiB, {seconds:.1f} s: {said}")
            add = [python, "-m", "tuinews", "feeds", "add", "--db", db, url]
            subprocess.run(add, capture_output=True, check=True)
            peak, seconds, said = peak_of([python, "-m", "tuinews", "refresh", "--db", db])
            print(f"refresh {name}: peak {peak:.0f} MiB, {seconds:.1f} s: {said}")


def timed(fetch: Callable[[], object]) -> tuple[float, str]:
    from tuinews.importer.errors import ImportFailure

    started = time.perf_counter()
    try:
        fetch()
        said = "fetched"
    except ImportFailure as failure:
        said = failure.reason
    return time.perf_counter() - started, said


def slow_servers(deadline: float) -> None:
    sys.path.insert(0, str(TESTS))
    from httpserver import Reply, serve
    from tuinews.importer.fetch import fetch_url

    body = b"<rss>" + b"x" * 100_000 + b"</rss>"  # hours at five bytes a second
    headers = {"Content-Type": "application/rss+xml", "X-Pad": "p" * 100_000}
    routes = {
        "/headers": lambda request: Reply(200, body, headers, trickle=0.2),
        "/body": lambda request: Reply(200, body, headers, trickle=0.2, trickle_body=True),
    }
    with serve(routes) as (base, _):
        importlib.import_module("httpx")  # before the clock starts, as a running refresh has it
        for path in routes:
            url = base + path
            seconds, said = timed(lambda: fetch_url(url, max_bytes=MIB, timeout=deadline))  # noqa: B023
            limit = f"deadline {deadline:g} s"
            print(f"trickling {path[1:]}: gave up after {seconds:.2f} s ({limit}): {said}")
        # Eight at once, as a refresh fetches them: each must end by its own deadline.
        times: list[float] = []
        lock = threading.Lock()

        def one(path: str) -> None:
            seconds, _ = timed(lambda: fetch_url(base + path, max_bytes=MIB, timeout=deadline))
            with lock:
                times.append(seconds)

        threads = [threading.Thread(target=one, args=(p,)) for p in list(routes) * 4]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(
            f"8 trickling fetches at once: each gave up after {min(times):.2f}-{max(times):.2f} s, "
            f"all in {time.perf_counter() - started:.2f} s (deadline {deadline:g} s)"
        )
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "store.db")
            for n in range(8):
                path = list(routes)[n % 2]
                add = [
                    sys.executable,
                    "-m",
                    "tuinews",
                    "feeds",
                    "add",
                    "--db",
                    db,
                    f"{base}{path}?{n}",
                ]
                subprocess.run(add, capture_output=True, check=True)
            config = Path(tmp) / "config.toml"
            config.write_text(f"[feeds]\ntimeout_seconds = {deadline:g}\n")
            refresh = [
                sys.executable,
                "-m",
                "tuinews",
                "--config",
                str(config),
                "refresh",
                "--db",
                db,
            ]
            started = time.perf_counter()
            result = subprocess.run(refresh, capture_output=True, text=True, check=False)
            print(
                f"tuinews refresh of 8 trickling feeds: {time.perf_counter() - started:.2f} s "
                f"(deadline {deadline:g} s): {result.stdout.strip().splitlines()[-1]}"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deadline", type=float, default=20.0, help="timeout_seconds")
    args = parser.parse_args()
    bombs()
    slow_servers(args.deadline)


if __name__ == "__main__":
    main()
