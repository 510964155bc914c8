"""The user's commands: which take the terminal, bookmark lines, saving, running captured."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tuinews.config import DEFAULT_TERMINAL_PROGRAMS, ConfigError, load_settings
from tuinews.shell import (
    bookmark_command,
    default_save_path,
    program_name,
    run_captured,
    save_article,
    takes_terminal,
)
from weather import RAIN

ARTICLE = replace(
    RAIN,
    id=7,
    title="It's $HOME; rm -rf / `now`",
    url="https://example.org/a?x=1&y=2",
    body="Body with a [link](https://example.org/l).",
)


def test_the_program_of_a_command_line() -> None:
    assert program_name("less -R") == "less"
    assert program_name("LESS=-R /usr/bin/less") == "less"
    assert program_name("'unclosed") == ""
    assert takes_terminal("vim -", DEFAULT_TERMINAL_PROGRAMS)
    assert not takes_terminal("wc -w", DEFAULT_TERMINAL_PROGRAMS)


def test_bookmark_arguments_are_quoted_so_a_title_cannot_run_code(tmp_path: Path) -> None:
    line = bookmark_command("printf '%s\\n' %u %t", ARTICLE)
    result = run_captured(line, "")
    assert result.ok
    assert result.output == f"{ARTICLE.url}\n{ARTICLE.title}\n"
    # Without %u or %t the URL and the title are added as arguments, as newsboat does.
    appended = run_captured(bookmark_command("printf '%s|'", ARTICLE), "")
    assert appended.output == f"{ARTICLE.url}|{ARTICLE.title}|"


def test_captured_commands_report_status_output_and_timeouts() -> None:
    result = run_captured("tr a-z A-Z; exit 4", "shout")
    assert (result.status, result.output) == (4, "SHOUT")
    assert result.summary() == "tr a-z A-Z; exit 4: exit status 4"
    slow = run_captured("sleep 5", "", timeout=0.2)
    assert slow.status is None and "stopped after 0.2 seconds" in slow.summary()


def test_save_never_overwrites(tmp_path: Path) -> None:
    path = default_save_path(ARTICLE, str(tmp_path / "dir"))
    assert path == tmp_path / "dir" / "it-s-home-rm-rf-now.md"
    written = save_article(ARTICLE, path, plain=False)
    assert written.read_text().startswith(f"# {ARTICLE.title}\n")
    with pytest.raises(FileExistsError):
        save_article(ARTICLE, path, plain=True)
    text = save_article(ARTICLE, path.with_suffix(".txt"), plain=True).read_text()
    assert "link[1]" in text and "[1] link" in text


def test_commands_settings(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[commands]\nbookmark = "bm %u"\nsave_dir = "~/A"\nterminal = ["less"]\n')
    commands = load_settings(config).commands
    assert (commands.bookmark, commands.save_dir, commands.terminal) == ("bm %u", "~/A", ("less",))
    assert load_settings(None).commands.terminal == DEFAULT_TERMINAL_PROGRAMS
    for bad, words in (
        ("[commands]\nbookmark = 3\n", "commands.bookmark must be a non-empty string"),
        ("[commands]\nterminal = 'less'\n", "commands.terminal must be a list"),
        ("[commands]\npager = 'x'\n", "unknown setting in [commands]: pager"),
        ("[commands]\nbrowser = ''\n", "commands.browser must be a non-empty string"),
    ):
        config.write_text(bad)
        with pytest.raises(ConfigError, match=words.replace("[", r"\[").replace("]", r"\]")):
            load_settings(config)
