"""The reader is never silent: empty views say why, n with nothing unread says so, and a
config naming unknown keys or themes is warned about."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXED_NOW, app_for, main_screen, settle
from tuinews.models import View, ViewKind
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp
from tuinews.ui.widgets.article_list import ArticleList


def messages(app: TuinewsApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_empty_views_say_why_and_how_to_fill_them(sample_store: Store) -> None:
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        articles = screen.query_one(ArticleList)
        screen.view = View(ViewKind.STARRED)
        await pilot.pause()
        assert articles.row_count == 0
        assert "press s on an article to star it" in articles.render_line(1).text


async def test_n_with_nothing_unread_says_so(sample_store: Store) -> None:
    sample_store.mark_view_read(View(), FIXED_NOW)
    app = app_for(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "No unread articles left." in messages(app)
        assert main_screen(app).article is None


async def test_unknown_binding_ids_and_themes_are_warned_about(
    sample_store: Store, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "no-such-theme"\n[keys]\n"article.nope" = "x"\n"quit" = "Q"\n')
    app = app_for(sample_store, config)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        said = " ".join(messages(app))
        assert "Unknown binding id in [keys] of the config file: article.nope" in said
        assert "quit" not in said.split(":", 1)[1].split("(")[0]
        assert "Unknown theme 'no-such-theme'" in said
