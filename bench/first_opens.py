"""First opens of the reader, driving the real app in tmux: the menu, the command palette, a
theme change, opening an article and J to the next one, each timed from the key to the pane
showing the result, and to the pane settling (no change for SETTLE seconds). The CPU figure
is the reader's, from the key (sent once the reader is idle) until it is idle again, so it
holds all the work the key caused and none of the previous one's.

python -m bench.first_opens [--size 100000] [--cols 160] [--rows 48] [--runs 1]

With --runs N the whole sequence runs N times, each in a new reader on a new copy of the
store, and each figure is the median of the N runs, with the least and the most CPU (the
CPU figure counts 10 ms ticks: one run is coarse, the median of several is not).

The store is a copy of bench.build_store's cached store of --size articles (0: the sample
data, imported into a fresh store), so the reader's own writes never touch the cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.build_store import build
from bench.scale import reader_pid

sys.path.insert(0, "/work/shared/tools")
from tmuxdrive import Term

PYTHON = Path(sys.executable)
TUINEWS = PYTHON.parent / "tuinews"
SETTLE = 0.15  # the pane is settled when it has not changed for this long
POLL = 0.005
IDLE_WINDOW = 0.3  # the reader is idle when it used at most IDLE_CPU seconds in this long
IDLE_CPU = 0.02  # (a cursor blinking in the palette costs a little)
PID: list[int] = []  # the reader's process, once started


def cpu_seconds(pid: int) -> float:
    """The process's CPU time (user + system): what an action costs, however busy the
    machine is (a shared machine stretches wall-clock times, not this)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Timing = tuple[float, float, float]


def wait_idle(pid: int, timeout: float = 30.0) -> float:
    """Wait until the reader is idle; return its CPU seconds then."""
    start = time.perf_counter()
    last = cpu_seconds(pid)
    while time.perf_counter() - start < timeout:
        time.sleep(IDLE_WINDOW)
        now = cpu_seconds(pid)
        if now - last <= IDLE_CPU:
            return now
        last = now
    raise TimeoutError(f"the reader was still busy after {timeout}s")


def timed(term: Term, key: str, shows: str, timeout: float = 20.0) -> Timing:
    """(seconds until `shows` is on screen, until the pane settles, CPU seconds the reader
    spent from the key until it is idle again) after `key`."""
    pid = PID[0]
    cpu = wait_idle(pid)
    start = time.perf_counter()
    term._tmux("send-keys", key)
    shown = 0.0
    last = ""
    changed = start
    while True:
        now = time.perf_counter()
        if now - start > timeout:
            raise TimeoutError(f"{key}: {shows!r} not on screen after {timeout}s")
        screen = term._tmux("capture-pane", "-p", "-e")
        if screen != last:
            last, changed = screen, now
        if not shown and shows in term.screen():
            shown = now - start
        if shown and now - changed >= SETTLE:
            return shown, max(shown, changed - start), wait_idle(pid) - cpu
        time.sleep(POLL)


def store_copy(size: int, folder: Path) -> Path:
    """A store to drive: a copy of the cached one of `size` articles, or the sample data."""
    target = folder / "store.db"
    if size:
        cached, _ = build(size)
        shutil.copyfile(cached, target)
        return target
    from tuinews.importer.pipeline import import_sources
    from tuinews.paths import sample_sources
    from tuinews.store import open_store

    store = open_store(target)
    import_sources([str(path) for path in sample_sources()], store)
    store.close()
    return target


def measure(size: int, cols: int, rows: int) -> dict[str, Timing]:
    figures: dict[str, Timing] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = store_copy(size, Path(tmp))
        config = Path(tmp) / "config.toml"
        command = f"{TUINEWS} --db {db}"
        env = {"TUINEWS_CONFIG": str(config), "HOME": tmp}
        with Term(command, cols=cols, rows=rows, env=env) as term:
            term.wait_for("Unread", timeout=60)
            pid = reader_pid(term)
            assert pid is not None, "the reader's process was not found"
            PID[:] = [pid]
            time.sleep(1.0)  # the first screen settles
            figures["menu (m)"] = timed(term, "m", "Import file or folder")
            term.keys("Escape", delay=1.0)
            figures["command palette (ctrl+p)"] = timed(term, "C-p", "Search for commands")
            term.keys("Escape", delay=1.0)
            term.keys("C-p")
            term.wait_for("Search for commands", timeout=20)
            term.type("theme")
            time.sleep(0.5)
            figures["theme list (palette, Theme)"] = timed(term, "Enter", "gruvbox")
            term.keys("Down", delay=0.3)
            figures["theme change (enter)"] = timed(term, "Enter", "Unread")
            figures["open an article (enter)"] = timed(term, "Enter", "min read")
            figures["next article (J)"] = timed(term, "J", "min read")
            term.keys("Escape", delay=1.0)
            figures["menu again (m)"] = timed(term, "m", "Import file or folder")
            term.keys("Escape", delay=1.0)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--cols", type=int, default=160)
    parser.add_argument("--rows", type=int, default=48)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench.first_opens needs tmux")
    runs = [measure(args.size, args.cols, args.rows) for _ in range(args.runs)]
    print(
        f"first opens, {args.size or 'sample'} articles, {args.cols}x{args.rows} (tmux),"
        f" {args.runs} run(s), medians:"
    )
    for name in runs[0]:
        shown, settled, cpu = (statistics.median(run[name][i] for run in runs) for i in range(3))
        cpus = [run[name][2] for run in runs]
        spread = f" ({min(cpus) * 1000:.0f}-{max(cpus) * 1000:.0f})" if len(runs) > 1 else ""
        print(
            f"  {name:<30} shown {shown * 1000:6.0f} ms   settled {settled * 1000:6.0f} ms"
            f"   CPU {cpu * 1000:5.0f} ms{spread}"
        )


if __name__ == "__main__":
    main()
