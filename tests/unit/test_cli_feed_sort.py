"""`tuinews list --feed` and `--sort`: one feed's articles, in the order asked for."""

from __future__ import annotations

import json
from pathlib import Path

from cli import in_one_process, tuinews
from conftest import NOW
from conftest import dated_draft as draft
from tuinews.store import open_store
from tuinews.store.subscriptions import add_subscription

HARBOUR = "http://news.example/harbour.rss"


def filled(path: Path) -> str:
    store = open_store(path)
    try:
        add_subscription(store, HARBOUR, "Harbour Gazette", None, now=NOW)
        add_subscription(store, "http://b.example/1", "Twin", None, now=NOW)
        add_subscription(store, "http://b.example/2", "Twin", None, now=NOW)
        titles = ["ferry", "Bridge", "apple", "Council"]
        store.save_source(
            HARBOUR,
            "Harbour Gazette",
            "feed",
            [draft(n, t, "Local" if n < 3 else "World") for n, t in enumerate(titles)],
        )
        store.save_source("notes.json", "Notes", "json", [draft(9, "a note", "Local")])
    finally:
        store.close()
    return str(path)


def titles(output: str) -> list[str]:
    return [json.loads(line)["title"] for line in output.splitlines()]


def test_list_one_feed_in_an_order(tmp_path: Path) -> None:
    db = filled(tmp_path / "store.db")
    listed = tuinews("--db", db, "list", "--feed", "Harbour Gazette", "--json")
    assert listed.returncode == 0, listed.stderr
    assert titles(listed.stdout) == ["ferry", "Bridge", "apple", "Council"]
    listed = tuinews("--db", db, "list", "--feed", HARBOUR, "--category", "Local", "--json")
    assert titles(listed.stdout) == ["ferry", "Bridge", "apple"]
    listed = tuinews("--db", db, "list", "--category", "Local", "--sort", "title", "--json")
    assert titles(listed.stdout) == ["a note", "apple", "Bridge", "ferry"]
    listed = tuinews("--db", db, "list", "--sort", "oldest", "--json")
    assert titles(listed.stdout) == ["a note", "Council", "apple", "Bridge", "ferry"]
    listed = tuinews("--db", db, "list", "--sort", "source", "--json")
    assert [json.loads(line)["source"] for line in listed.stdout.splitlines()] == [
        "Harbour Gazette"
    ] * 4 + ["Notes"]


def test_list_feed_says_which_feed_it_cannot_find(tmp_path: Path) -> None:
    db = filled(tmp_path / "store.db")
    missing = tuinews("--db", db, "list", "--feed", "Nowhere")
    assert missing.returncode == 2
    assert "no subscribed feed 'Nowhere'" in missing.stderr
    twins = tuinews("--db", db, "list", "--feed", "twin")
    assert twins.returncode == 2
    assert "2 feeds are called 'twin'" in twins.stderr and "http://b.example/2" in twins.stderr
    mixed = tuinews("--db", db, "list", "--feed", "Twin", "--saved", "x")
    assert mixed.returncode == 2
    bad = tuinews("--db", db, "list", "--sort", "random")
    assert bad.returncode == 2


def test_list_feed_and_sort_run_without_textual(tmp_path: Path) -> None:
    db = filled(tmp_path / "store.db")
    done = in_one_process(["--db", db, "list", "--feed", HARBOUR, "--sort", "title"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.index("apple") < done.stdout.index("ferry")
