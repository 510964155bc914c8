"""`o` and `y` hand on only http(s) links (and the schemes the config allows): a feed's
`javascript:`, `data:`, `file:` or `--option` "link" never reaches the browser or the
clipboard, and the user is told why."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from conftest import fixed_clock
from tuinews.models import ArticleDraft
from tuinews.store import Store
from tuinews.ui.app import TuinewsApp, make_app
from tuinews.ui.link_policy import link_refusal

HOSTILE_LINKS = [
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "--proxy-server=http://evil.example",
    "-new-tab",
    "JavaScript:alert(1)",
    "http:evil",
    "https://example.org/a b",
    "mailto:editor@example.org",
]


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_hostile_links_are_refused(url: str) -> None:
    assert link_refusal(url) is not None


@pytest.mark.parametrize(
    "url", ["https://example.org/story?id=1", "http://example.org/", "HTTPS://EXAMPLE.ORG/x"]
)
def test_web_links_are_handed_on(url: str) -> None:
    assert link_refusal(url) is None


def test_schemes_the_user_allows() -> None:
    assert link_refusal("mailto:editor@example.org", ["mailto"]) is None
    assert link_refusal("javascript:alert(1)", ["mailto"]) is not None


def app_with_links(store: Store, links: list[str], config: Path | None = None) -> TuinewsApp:
    drafts = [
        ArticleDraft(
            title=f"Story {number}",
            body="Words.",
            url=url,
            published=fixed_clock() - timedelta(hours=number),
        )
        for number, url in enumerate(links)
    ]
    store.save_source("test:links", "Links", "json", drafts)
    return make_app(store.path, config, import_samples=False, clock=fixed_clock)


async def press_o_and_y_on_each(app: TuinewsApp, count: int) -> tuple[list[str], list[str]]:
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(count):
            await pilot.press("o", "y", "j")
            await pilot.pause()
    return opened, copied


async def test_o_and_y_refuse_hostile_links(store: Store) -> None:
    links = [*HOSTILE_LINKS, "https://example.org/story"]
    app = app_with_links(store, links)
    notes: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(message), original(message, **kw))[1]  # type: ignore[method-assign,func-returns-value]
    opened, copied = await press_o_and_y_on_each(app, len(links))
    assert opened == ["https://example.org/story"]
    assert copied == ["https://example.org/story"]
    refused = [note for note in notes if note.startswith("Not opened")]
    assert len(refused) == 2 * len(HOSTILE_LINKS)
    assert any("a javascript: link, which tuinews does not open" in note for note in refused)


async def test_a_scheme_allowed_in_the_config_is_opened(store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[links]\nschemes = ["mailto"]\n')
    app = app_with_links(store, ["mailto:editor@example.org", "javascript:alert(1)"], config)
    opened, copied = await press_o_and_y_on_each(app, 2)
    assert opened == copied == ["mailto:editor@example.org"]
