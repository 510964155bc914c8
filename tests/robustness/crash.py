"""Kill an import with SIGKILL part-way and check what it left (used by tests and bench)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SOURCES, PER_SOURCE = 100, 100


def write_sources(folder: Path) -> None:
    """SOURCES JSON files of PER_SOURCE articles each (10,000 in all)."""
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(SOURCES):
        articles = [
            {
                "title": f"Source {s} article {a}",
                "body": f"Paragraph about the harbour, number {a} of source {s}. " * 20,
                "url": f"https://crash.example/{s}/{a}",
                "published": f"2026-10-{1 + a % 28:02d}T10:00:00+00:00",
            }
            for a in range(PER_SOURCE)
        ]
        (folder / f"source-{s:03}.json").write_text(json.dumps(articles), encoding="utf-8")


def imported_sources(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@dataclass(frozen=True)
class Aftermath:
    integrity: str
    per_source: list[int]
    articles_after_rerun: int
    distinct_after_rerun: int


def kill_after_sources(command: list[str], db: Path, sources: int) -> None:
    """Run `command` and SIGKILL it once `sources` sources have landed in `db`
    (or when it ends first). The deadline only ends a run that hangs: it is far beyond
    what a busy machine needs, so it never decides when a healthy run is killed."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while imported_sources(db) < sources and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()


def kill_mid_import(folder: Path, db: Path, *, after_sources: int = 5) -> Aftermath:
    """Start `tuinews import folder`, SIGKILL it once some sources landed, then re-run it."""
    command = [sys.executable, "-m", "tuinews", "--db", str(db), "import", str(folder)]
    kill_after_sources(command, db, after_sources)
    conn = sqlite3.connect(db)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    per_source = [
        count
        for (count,) in conn.execute(
            "SELECT count(a.id) FROM sources s LEFT JOIN articles a ON a.source_id = s.id "
            "GROUP BY s.id"
        )
    ]
    conn.close()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    conn = sqlite3.connect(db)
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    distinct = conn.execute("SELECT count(DISTINCT dedupe_key) FROM articles").fetchone()[0]
    conn.close()
    return Aftermath(integrity, per_source, total, distinct)
