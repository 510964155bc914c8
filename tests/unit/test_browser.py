"""Which browser opens a link: the setting, $BROWSER, the system's; terminal ones flagged."""

from __future__ import annotations

import webbrowser

import pytest

from tuinews.browser import find_browser

URL = "https://example.org/a b?x=1&y=2"


def test_the_setting_wins_and_the_url_is_quoted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER", "lynx")
    plan = find_browser("firefox --new-tab %u", URL)
    assert plan is not None and not plan.on_terminal
    assert plan.command == "firefox --new-tab 'https://example.org/a b?x=1&y=2'"


def test_terminal_browsers_are_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    for setting in ("w3m %u", "lynx", "www-browser %u", "/usr/bin/elinks %u"):
        plan = find_browser(setting, URL)
        assert plan is not None and plan.on_terminal, setting
    # A program listed in [commands] terminal counts too.
    plan = find_browser("mybrowse %u", URL, ("mybrowse",))
    assert plan is not None and plan.on_terminal


def test_browser_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER", "w3m:firefox")
    plan = find_browser(None, URL)
    assert plan is not None and plan.on_terminal and plan.command.startswith("w3m ")


def test_browser_from_the_environment_takes_its_url_where_percent_s_stands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # $BROWSER's own convention is %s (the setting's is %u, as newsboat's): it was left in
    # the command, so the browser was handed a page called "%s" as well.
    monkeypatch.setenv("BROWSER", "firefox --new-tab %s")
    plan = find_browser(None, URL)
    assert plan is not None
    assert plan.command == "firefox --new-tab 'https://example.org/a b?x=1&y=2'"


def test_no_browser_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER", raising=False)

    def nothing(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", nothing)
    assert find_browser(None, URL) is None


def test_the_systems_console_browser_takes_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "get", lambda using=None: webbrowser.GenericBrowser("w3m"))
    plan = find_browser(None, URL)
    assert plan is not None and plan.on_terminal
    monkeypatch.setattr(
        webbrowser, "get", lambda using=None: webbrowser.BackgroundBrowser("firefox")
    )
    plan = find_browser(None, URL)
    assert plan is not None and not plan.on_terminal
