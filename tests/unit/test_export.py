"""Exports: OPML of the subscriptions (round-trips through the importer), JSON Lines of articles."""

from __future__ import annotations

import io
import json
from pathlib import Path

from cli import FIELDS, in_one_process, tuinews
from conftest import FIXED_NOW, FIXTURES
from tuinews.export.json_lines import export_json_lines, iter_articles
from tuinews.export.opml import export_opml
from tuinews.importer.formats.opml import parse_opml
from tuinews.importer.pipeline import import_sources
from tuinews.models import View
from tuinews.store import Store, open_store
from tuinews.store.subscriptions import add_subscription, list_subscriptions


def triples(store: Store) -> list[tuple[str, str | None, str | None]]:
    return [(s.url, s.title, s.category) for s in list_subscriptions(store)]


def test_opml_round_trips_through_the_importer(store: Store) -> None:
    add_subscription(store, "https://a.example/feed", "Alpha & Omega <1>", "Tech")
    add_subscription(store, "https://b.example/rss?x=1&y=2", None, "Tech")
    add_subscription(store, "https://c.example/atom", 'Loose "quoted" feed', None)
    add_subscription(store, "https://d.example/feed", "Deep", "World/Europe")
    add_subscription(store, "https://e.example/feed", "Bell\x07 rings", "Ünïcode")
    document = export_opml(list_subscriptions(store), now=FIXED_NOW)
    assert document.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    title, parsed = parse_opml(document)
    assert title == "tuinews subscriptions"
    expected = [
        (url, title.replace("\x07", "") if title else None, category)
        for url, title, category in triples(store)
    ]
    assert [(s.url, s.title, s.category) for s in parsed] == expected


def test_opml_import_export_import_gives_the_same_list(tmp_path: Path) -> None:
    first = open_store(tmp_path / "first.db")
    import_sources([str(FIXTURES / "opml" / "subscriptions.opml")], first)
    exported = tmp_path / "out.opml"
    exported.write_bytes(export_opml(list_subscriptions(first)))
    second = open_store(tmp_path / "second.db")
    report = import_sources([str(exported)], second)
    assert report.subscriptions_added == 4
    assert triples(second) == triples(first)
    first.close()
    second.close()


def test_json_lines_stream_every_article_page_by_page(sample_store: Store) -> None:
    total = sample_store.count(View(), FIXED_NOW).total
    out = io.StringIO()
    count = export_json_lines(sample_store, out, page_size=7)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows) == total > 7
    assert all(set(row) == FIELDS for row in rows)
    assert [row["id"] for row in rows] == sorted({row["id"] for row in rows})
    assert [a.id for a in iter_articles(sample_store, page_size=total)] == [
        row["id"] for row in rows
    ]


def test_export_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    store = open_store(db)
    add_subscription(store, "https://a.example/feed", "Alpha", "Tech")
    add_subscription(store, "https://b.example/feed", "Beta", None)
    import_sources([str(FIXTURES / "feeds" / "small.rss")], store)
    store.close()
    opml = tuinews("export", "--db", str(db), "--format", "opml")
    assert opml.returncode == 0, opml.stderr
    _, parsed = parse_opml(opml.stdout.encode())
    assert [(s.url, s.title, s.category) for s in parsed] == [
        ("https://b.example/feed", "Beta", None),
        ("https://a.example/feed", "Alpha", "Tech"),
    ]
    lines = tuinews("--db", str(db), "export", "--format", "json").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 2 and all(set(row) == FIELDS for row in rows)
    assert rows[0]["source"] == "Quayside Bulletin" and rows[0]["read"] is False
    target = tmp_path / "articles.jsonl"
    written = tuinews("export", "--db", str(db), "--format", "json", "--output", str(target))
    assert written.stdout == f"exported 2 articles to {target}\n"
    assert target.read_text(encoding="utf-8").splitlines() == lines
    assert tuinews("export", "--db", str(db)).returncode == 2  # --format is required
    unwritable = tuinews("export", "--db", str(db), "--format", "opml", "--output", str(tmp_path))
    assert unwritable.returncode == 2 and "cannot be written" in unwritable.stderr


def test_feeds_refresh_and_export_never_import_textual(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = in_one_process(
        ["--db", db, "feeds", "add", "https://a.example/feed"],
        ["--db", db, "feeds", "list"],
        ["--db", db, "export", "--format", "opml"],
        ["--db", db, "export", "--format", "json"],
        ["--db", db, "feeds", "remove", "https://a.example/feed"],
        ["--db", db, "refresh"],
    )
    assert result.returncode == 0, result.stderr
