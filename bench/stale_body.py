"""Never one article's heading over another's body (issue 16, item 3), seen as a person sees
it: the real reader in tmux, `J` (then `K`) pressed, and the pane captured as fast as tmux
gives it for a while after each key. A frame is stale when its heading names the new article
(by its URL) while its body is still the previous article's first lines.

python -m bench.stale_body [--size 100000] [--keys 8] [--watch 1.5]

Prints, per key, the frames captured and the first frame that showed the new article whole;
then the stale frames of all of them (the figure that must be 0). The store is a copy of
bench.build_store's cached store (its URLs end in the article's number).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.first_opens import TUINEWS, store_copy

sys.path.insert(0, "/work/shared/tools")
from tmuxdrive import Term

URL_ID = re.compile(r"example/\d{4}/\d\d/(\d+)")


def reader_lines(screen: str) -> list[str]:
    """The reader pane's lines: what follows the list's border and the splitter."""
    return [line.split("│ │", 1)[1] if "│ │" in line else "" for line in screen.splitlines()]


def parse(screen: str) -> tuple[str | None, str | None]:
    """The article the heading names (its URL's number) and the body's first long line."""
    lines = reader_lines(screen)
    shown = next((m.group(1) for line in lines if (m := URL_ID.search(line))), None)
    for index, line in enumerate(lines):
        if "://" in line:
            for after in lines[index + 1 :]:
                text = after.strip().strip("│").strip()
                if len(text) > 20 and "://" not in text:
                    return shown, text
            break
    return shown, None


def drive(term: Term, key: str, presses: int, watch: float) -> tuple[int, int]:
    """Press `key` `presses` times; return (stale frames, frames captured)."""
    first_lines: dict[str | None, str | None] = {}
    shown, body = parse(term.screen())
    first_lines[shown] = body
    stale = frames = 0
    for _ in range(presses):
        before = shown
        term.keys(key, delay=0)
        start = time.perf_counter()
        seen = []
        while time.perf_counter() - start < watch:
            seen.append(parse(term.screen()))
        frames += len(seen)
        shown, body = seen[-1]
        first_lines[shown] = body
        old = first_lines.get(before)
        stale += sum(1 for s, b in seen if s == shown and b is not None and b == old != body)
        whole = next((i for i, (s, b) in enumerate(seen) if (s, b) == (shown, body)), None)
        print(f"  {key}: {before} -> {shown}: {len(seen)} frames, whole from frame {whole}")
    return stale, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=8)
    parser.add_argument("--watch", type=float, default=1.5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench.stale_body needs tmux")
    with tempfile.TemporaryDirectory() as tmp:
        db = store_copy(args.size, Path(tmp))
        env = {"TUINEWS_CONFIG": str(Path(tmp) / "config.toml"), "HOME": tmp}
        with Term(f"{TUINEWS} --db {db}", cols=160, rows=48, env=env) as term:
            term.wait_for("Unread", timeout=60)
            time.sleep(1.0)
            term.keys("Enter", delay=1.5)
            stale, frames = drive(term, "J", args.keys, args.watch)
            more_stale, more_frames = drive(term, "K", args.keys, args.watch)
    print(
        f"stale body, {args.size} articles, 160x48 (tmux): {stale + more_stale} stale frames"
        f" of {frames + more_frames} captured"
    )


if __name__ == "__main__":
    main()
