"""Issue-13 reading tools by key presses: links by number, pipe (|), save (S), bookmark (B)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from textual.widgets import Static
from textual.widgets._toast import Toast

from conftest import app_for
from fulltext_site import PARAGRAPHS, routes
from httpserver import serve
from notes import record_notes
from tuinews.feeds.fulltext import FULL_TEXT_MARK
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.screens.main import MainScreen
from tuinews.ui.screens.prompts import CommandOutput, LinkPrompt, PipePrompt, SavePrompt
from tuinews.ui.widgets.reader import Reader
from weather import save_rain_article

BODY = """Rain fell on the [valley](https://example.org/valley) all night.

![Radar map](https://example.org/radar.png)

Read [the forecast](https://example.org/forecast) and the [valley page](https://example.org/valley).
"""


def rain_store(store: Store) -> Store:
    save_rain_article(store, BODY)
    return store


NOTES: dict[int, list[str]] = {}


def app_with_config(store: Store, tmp_path: Path, config: str = "") -> TuinewsApp:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    app = app_for(store, path)
    NOTES[id(app)] = record_notes(app)
    return app


def main_screen(app: TuinewsApp) -> MainScreen:
    assert app.main is not None
    return app.main


def messages(app: TuinewsApp) -> list[str]:
    """What the app has said (recorded from its start: see app_with_config)."""
    return NOTES[id(app)]


async def test_links_are_numbered_and_open_or_copy_by_number(store: Store, tmp_path: Path) -> None:
    app = app_with_config(rain_store(store), tmp_path)
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")  # nothing is open yet: the numbers are the reader's
        assert not isinstance(app.screen, LinkPrompt)
        # Not "The open article has no links.": none is open, and the highlighted one has.
        assert messages(app)[-1] == "No article is open: enter opens it and numbers its links."
        await pilot.press("enter")
        reader = main_screen(app).query_one(Reader)
        heading = str(reader.query_one("#reader-heading", Static).content)
        assert "https://example.org/rain" in heading  # the article's own URL
        body = str(reader.query_one("#reader-body").source)  # type: ignore[attr-defined]
        assert "[valley](https://example.org/valley)\\[1\\]" in body
        assert "\\[image 2: Radar map\\]" in body
        assert "[valley page](https://example.org/valley)\\[1\\]" in body
        links = [link.url for link in reader.numbered.links]
        assert links == [
            "https://example.org/valley",
            "https://example.org/radar.png",
            "https://example.org/forecast",
        ]
        await pilot.press("3")
        assert isinstance(app.screen, LinkPrompt)
        await pilot.press("enter")
        assert opened == ["https://example.org/forecast"]
        await pilot.press("2", "y")
        await pilot.press("enter")
        assert copied == ["https://example.org/radar.png"]
        await pilot.press("4", "enter")  # no link 4: the prompt stays and says why
        assert isinstance(app.screen, LinkPrompt)
        error = str(app.screen.query_one("#link-error").render())
        assert "No link 4" in error and "1 to 3" in error
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert opened == ["https://example.org/forecast"]


async def test_pipe_shows_the_output_of_a_command(store: Store, tmp_path: Path) -> None:
    app = app_with_config(rain_store(store), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "vertical_line")
        assert isinstance(app.screen, PipePrompt)
        app.screen.query_one("#pipe-command").value = "grep -c valley"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CommandOutput)
        assert str(app.screen.query_one("#output-text").render()).strip() == "3"
        title = app.screen.query_one("#output-box").border_title
        assert title == "grep -c valley: exit status 0"
        await pilot.press("escape")
        # The prompt remembers the command; plain text is the reader's rendering, numbered.
        await pilot.press("vertical_line")
        prompt = app.screen
        assert prompt.query_one("#pipe-command").value == "grep -c valley"  # type: ignore[attr-defined]
        out = tmp_path / "piped.txt"
        prompt.query_one("#pipe-command").value = f"cat > {out}"  # type: ignore[attr-defined]
        await pilot.click("#pipe-plain")
        prompt.query_one("#pipe-command").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = out.read_text()
        assert text.startswith("Rain in the valley\n")
        assert "valley[1]" in text and "[3] the forecast" in text and "](" not in text
        assert f"cat > {out}: exit status 0" in messages(app)
        # A failing command says its status and what it printed.
        await pilot.press("vertical_line")
        app.screen.query_one("#pipe-command").value = "echo nope >&2; exit 3"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CommandOutput)
        assert "exit status 3" in str(app.screen.query_one("#output-box").border_title)


async def test_a_pager_gets_the_terminal_with_the_app_suspended(
    store: Store, tmp_path: Path
) -> None:
    app = app_with_config(rain_store(store), tmp_path, '[commands]\nterminal = ["sh"]\n')
    suspended: list[bool] = []

    @contextmanager
    def suspend() -> Iterator[None]:
        suspended.append(True)
        yield

    app.suspend = suspend  # type: ignore[method-assign]
    out = tmp_path / "paged.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "vertical_line")
        app.screen.query_one("#pipe-command").value = f"sh -c 'cat > {out}'"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert suspended == [True]
        assert out.read_text().startswith("# Rain in the valley\n")
        assert "[valley](https://example.org/valley)" in out.read_text()  # Markdown as stored


async def test_save_writes_markdown_or_text_and_never_overwrites(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "saved"
    app = app_with_config(rain_store(store), tmp_path, f'[commands]\nsave_dir = "{folder}"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("S")
        assert isinstance(app.screen, SavePrompt)
        path = app.screen.query_one("#save-path").value  # type: ignore[attr-defined]
        assert path == str(folder / "rain-in-the-valley.md")
        await pilot.press("enter")
        saved = folder / "rain-in-the-valley.md"
        assert saved.read_text().startswith("# Rain in the valley\n")
        assert f"Saved to {saved}" in messages(app)
        await pilot.press("S", "enter")  # the same name again: asked for another
        assert isinstance(app.screen, SavePrompt)
        assert "exists already" in str(app.screen.query_one("#save-error").render())
        await pilot.press("backspace", "backspace", "t", "x", "t", "enter")
        text = (folder / "rain-in-the-valley.txt").read_text()
        assert text.startswith("Rain in the valley\n") and "valley[1]" in text


async def test_bookmark_runs_the_configured_command(store: Store, tmp_path: Path) -> None:
    marks = tmp_path / "bookmarks.txt"
    config = f"[commands]\nbookmark = \"printf '%s|%s\\\\n' %u %t >> {marks}\"\n"
    app = app_with_config(rain_store(store), tmp_path, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert marks.read_text() == "https://example.org/rain|Rain in the valley\n"
        assert "Bookmarked https://example.org/rain" in messages(app)


async def test_bookmark_without_a_command_says_how_to_set_one(store: Store, tmp_path: Path) -> None:
    app = app_with_config(rain_store(store), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        assert any("set bookmark in [commands]" in text for text in messages(app))
        # Shown as written: "[commands]" was taken for markup and vanished from the toast.
        (note,) = [note for note in app._notifications if "bookmark" in note.message]
        assert "[commands]" in Toast(note).render().plain


async def test_the_help_screen_lists_the_reading_tools(store: Store, tmp_path: Path) -> None:
    app = app_with_config(rain_store(store), tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        rows = {row[2]: row[:2] for row in app.screen.rows}  # type: ignore[attr-defined]
        # One row for the nine digits, each with its own id to remap it.
        assert rows["reader.link_1…9"] == ("1…9", "Link by number")
        assert rows["article.pipe"] == ("|", "Pipe to…")
        assert rows["article.save"] == ("S", "Save to file…")
        assert rows["article.bookmark"] == ("B", "Bookmark")
        assert rows["article.full_text"] == ("F", "Full text")
        assert rows["search.save"] == ("V", "Save search as view")


async def test_full_text_key_fetches_the_page_into_the_reader(store: Store, tmp_path: Path) -> None:
    with serve(routes()) as (base, _):
        save_rain_article(store, "A teaser.", url=f"{base}/gates.html")
        app = app_with_config(store, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "F")
            await app.workers.wait_for_complete()
            await pilot.pause()
            body = main_screen(app).query_one(Reader).query_one("#reader-body")
            text = body.source  # type: ignore[attr-defined]
            assert PARAGRAPHS[0][:60] in text and FULL_TEXT_MARK in text
            assert "Full text fetched from the article's page." in messages(app)
            stored = store.get(1)
            assert stored is not None and PARAGRAPHS[2][:60] in stored.body


async def test_full_text_says_when_the_page_cannot_be_read(store: Store, tmp_path: Path) -> None:
    with serve(routes()) as (base, _):
        save_rain_article(store, "A teaser.", url=f"{base}/gone.html")
        app = app_with_config(store, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "F")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any("404 Not Found" in text and "kept" in text for text in messages(app))
            stored = store.get(1)
            assert stored is not None and stored.body == "A teaser."
