"""The reader stays usable while other processes import and refresh into its store.

Marks made while another process holds the write lock show at once and land when
it lets go; nothing blocks the reader, no "database is locked" reaches the user.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.synthetic import rss_feed

from conftest import NOW, SAMPLE_DATA, app_for, settle
from httpserver import serve, static
from tuinews.importer.pipeline import import_sources
from tuinews.models import ViewKind
from tuinews.store import Store, open_store
from tuinews.store.subscriptions import add_subscription
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.widgets.article_list import ArticleList

FILES, PER_FILE = 40, 150  # 6,000 articles: the import takes a few seconds
FEEDS, ITEMS = 3, 40


def app_with_notices(db: Path) -> tuple[TuinewsApp, list[str]]:
    """The app, and every notification it shows (hooked where all of them pass)."""
    app = app_for(db)
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, *args: object, **kwargs: object) -> None:
        shown.append(str(message))
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return app, shown


def watch_ticks(app: TuinewsApp) -> asyncio.Event:
    """An event set each time the app has looked for other processes' writes (its timer)."""
    ticked = asyncio.Event()
    look = app._notice_outside_writes

    def looked() -> None:
        look()
        ticked.set()

    app._notice_outside_writes = looked  # type: ignore[method-assign]
    return ticked


def main_screen(app: TuinewsApp) -> MainScreen:
    assert app.main is not None
    return app.main


def stored_marks(db: Path, ids: list[int]) -> dict[int, tuple[bool, bool]]:
    """(read, starred) of each article, as another process sees them."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT id, read, starred FROM articles WHERE id IN ({marks})", ids
        ).fetchall()
        return {i: (bool(read), bool(starred)) for i, read, starred in rows}
    finally:
        conn.close()


def write_folder(folder: Path) -> None:
    """FILES JSON sources of PER_FILE articles, newer than the sample data."""
    folder.mkdir(parents=True)
    for f in range(FILES):
        articles = [
            {
                "title": f"Imported {f}-{a}",
                "body": f"A report on the tide tables, part {a} of batch {f}. " * 12,
                "url": f"https://concurrent.example/{f}/{a}",
                "published": f"2026-11-22T{a % 24:02d}:{a % 60:02d}:00+00:00",
            }
            for a in range(PER_FILE)
        ]
        (folder / f"batch-{f:02}.json").write_text(json.dumps(articles), encoding="utf-8")


def no_store_errors(shown: list[str]) -> None:
    for message in shown:
        assert "locked" not in message.lower(), message
        assert "sqlite" not in message.lower(), message


async def test_marks_while_another_process_holds_the_store_show_at_once_and_land_later(
    sample_store: Store,
) -> None:
    app, shown = app_with_notices(sample_store.path)
    holder = sqlite3.connect(sample_store.path, isolation_level=None)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        unread = screen.marks.counts(NOW).views[ViewKind.UNREAD].unread
        starred = screen.marks.counts(NOW).views[ViewKind.STARRED].total
        holder.execute("BEGIN IMMEDIATE")  # as an import's transaction does, for seconds
        try:
            first = articles.current
            assert first is not None and not first.read
            await pilot.press("r")
            await pilot.pause()
            # The list and the counters show the mark at once; the store has not got it yet.
            assert articles.current is not None and articles.current.read
            counts = screen.marks.counts(NOW)
            assert counts.views[ViewKind.UNREAD].unread == unread - 1
            await pilot.press("j", "s", "j", "s", "j", "r")
            await pilot.pause()
            assert articles.current is not None and articles.current.read
            second, third, fourth = articles.rows_shown[1:4]
            assert second.starred and third.starred and fourth.read
            counts = screen.marks.counts(NOW)
            assert counts.views[ViewKind.STARRED].total == starred + 2
            assert counts.views[ViewKind.UNREAD].unread == unread - 2
            assert screen.marks.waiting
            ids = [first.id, second.id, third.id, fourth.id]
            assert stored_marks(sample_store.path, ids)[first.id] == (False, False)
        finally:
            holder.execute("COMMIT")
        assert await asyncio.to_thread(screen.marks.flush, 30)
        await pilot.pause()
        assert stored_marks(sample_store.path, ids) == {
            first.id: (True, False),
            second.id: (False, True),
            third.id: (False, True),
            fourth.id: (True, False),
        }
        # Once landed, the store's own counts are what the reader showed.
        assert screen.marks.counts(NOW) == counts == sample_store.counts(NOW)
        # Undo goes through the same way, and lands too.
        await pilot.press("u")
        assert await asyncio.to_thread(screen.marks.flush, 30)
        assert stored_marks(sample_store.path, [fourth.id])[fourth.id] == (False, False)
    holder.close()
    no_store_errors(shown)


async def test_reading_while_the_command_line_imports_and_refreshes(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    write_folder(folder)
    routes = {
        f"/wire{n}.xml": static(rss_feed(ITEMS, html_bytes=300, seed=100 + n)) for n in range(FEEDS)
    }
    db = tmp_path / "reader.db"
    with serve(routes) as (base, _):
        # As in real use, the reader's is the only connection in its process.
        store = open_store(db)
        import_sources([str(SAMPLE_DATA / "feeds")], store)
        for path in routes:
            add_subscription(store, base + path, category="Wire")
        before = store.counts(NOW).views[ViewKind.ALL].total
        expected_total = before + FILES * PER_FILE + FEEDS * ITEMS
        store.close()
        app, shown = app_with_notices(db)
        watched = watch_ticks(app)
        async with app.run_test(size=(160, 48)) as pilot:
            screen = main_screen(app)
            articles = screen.query_one(ArticleList)
            logs = [tmp_path / "import.log", tmp_path / "refresh.log"]
            commands = [["import", str(folder)], ["refresh"]]
            processes = [
                subprocess.Popen(
                    [sys.executable, "-m", "tuinews", "--db", str(db), *command],
                    stdout=log.open("w"),
                    stderr=subprocess.STDOUT,
                )
                for command, log in zip(commands, logs, strict=True)
            ]
            # Mark articles while they write: read and starred, alternately, going down.
            expected: dict[int, tuple[bool, bool]] = {}
            key = 0
            while any(p.poll() is None for p in processes) and key < 60:
                await pilot.press("j", "r" if key % 2 else "s")
                key += 1
                await pilot.pause()
                row = articles.current
                assert row is not None
                expected[row.id] = (row.read, row.starred)
            for process in processes:
                await asyncio.to_thread(process.wait)
            outputs = [log.read_text() for log in logs]
            assert [p.returncode for p in processes] == [0, 0], outputs
            assert await asyncio.to_thread(screen.marks.flush, 60)
            # The reader notices the other processes' writes on its own: its next look at
            # the store (a timer) sees all of them, and reloads what it shows.
            watched.clear()
            await asyncio.wait_for(watched.wait(), timeout=120)
            await settle(pilot)
            assert f"{expected_total:,}" in str(articles.border_title)
            # ... and lists them: the list finds an imported article (the window moves to it).
            conn = sqlite3.connect(db)
            (imported,) = conn.execute(
                "SELECT id FROM articles WHERE title LIKE 'Imported %' LIMIT 1"
            ).fetchone()
            conn.close()
            assert articles.select_id(imported)
            assert articles.current is not None and articles.current.title.startswith("Imported")
            # Each article shows what the user left it as, and the store holds it.
            for article_id, state in expected.items():
                article = screen.marks.article(article_id)
                assert article is not None and (article.read, article.starred) == state
    assert expected, "no marks were made while the others wrote"
    assert stored_marks(db, list(expected)) == expected
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == expected_total
    conn.close()
    for output in outputs:
        assert "locked" not in output.lower(), output
    no_store_errors(shown)
