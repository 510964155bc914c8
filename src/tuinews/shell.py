"""The user's own commands: pipe an article to one, bookmark a URL with one, save an article.

The reader runs these; no Textual here. Commands run through the shell (`sh -c`), as
newsboat's do, because the user types or configures them as shell lines.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tuinews.article_view import as_markdown, as_plain_text
from tuinews.models import Article

OUTPUT_LIMIT = 64 * 1024  # characters of a command's output kept to show
TIMEOUT_SECONDS = 60.0  # a captured command that runs longer is stopped


@dataclass(frozen=True, slots=True)
class CommandResult:
    """How a command ended: its exit status (None: it could not run) and what it printed."""

    command: str
    status: int | None
    output: str

    @property
    def ok(self) -> bool:
        return self.status == 0

    def summary(self) -> str:
        """One line for a notification: `less: exit status 0`."""
        if self.status is None:
            return f"{self.command}: {self.output.strip() or 'could not be run'}"
        return f"{self.command}: exit status {self.status}"


def article_text(article: Article, *, plain: bool) -> str:
    """What a pipe or a saved file receives: Markdown, or plain text as the reader shows it."""
    return as_plain_text(article) if plain else as_markdown(article)


def program_name(command: str) -> str:
    """The program a shell line runs first: `less -R` → `less`; "" when there is none."""
    try:
        words = shlex.split(command)
    except ValueError:
        return ""
    words = [word for word in words if "=" not in word.split("/")[0]]  # VAR=x less
    return os.path.basename(words[0]) if words else ""


def takes_terminal(command: str, programs: tuple[str, ...]) -> bool:
    """True when the command's program draws on the terminal (a pager, an editor)."""
    return program_name(command) in programs


def run_captured(command: str, stdin: str, timeout: float = TIMEOUT_SECONDS) -> CommandResult:
    """Run `command` with `stdin` as its input; its output and errors captured together."""
    try:
        done = subprocess.run(
            ["/bin/sh", "-c", command],
            input=stdin.encode("utf-8"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return CommandResult(command, None, f"stopped after {timeout:g} seconds")
    except OSError as exc:
        return CommandResult(command, None, exc.strerror or str(exc))
    output = done.stdout.decode("utf-8", "replace")
    if len(output) > OUTPUT_LIMIT:
        output = output[:OUTPUT_LIMIT] + "\n… (output cut)"
    return CommandResult(command, done.returncode, output)


def run_on_terminal(command: str, stdin: str) -> CommandResult:
    """Run `command` on the terminal we are attached to, `stdin` piped in; wait for it."""
    try:
        process = subprocess.Popen(["/bin/sh", "-c", command], stdin=subprocess.PIPE)
    except OSError as exc:
        return CommandResult(command, None, exc.strerror or str(exc))
    assert process.stdin is not None
    try:
        process.stdin.write(stdin.encode("utf-8"))
        process.stdin.close()
    except BrokenPipeError:  # the program stopped reading early (e.g. `q` in less)
        pass
    return CommandResult(command, process.wait(), "")


def bookmark_command(template: str, article: Article) -> str:
    """The bookmark command line: %u and %t replaced by the quoted URL and title, or both
    added as arguments when the template names neither (as newsboat's bookmark-cmd)."""
    url, title = shlex.quote(article.url or ""), shlex.quote(article.title)
    if "%u" not in template and "%t" not in template:
        return f"{template} {url} {title}"
    return re.sub(r"%[ut]", lambda m: url if m.group(0) == "%u" else title, template)


def default_save_path(article: Article, folder: str) -> Path:
    """`FOLDER/the-article-title.md`, the folder's `~` expanded."""
    slug = re.sub(r"[^\w]+", "-", article.title.lower()).strip("-")[:80] or f"article-{article.id}"
    return Path(folder).expanduser() / f"{slug}.md"


def save_article(article: Article, path: Path, *, plain: bool) -> Path:
    """Write the article to a new file at `path` (`~` expanded); raise FileExistsError when
    there is one already and OSError when it cannot be written. Return the path written."""
    target = path.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as out:
        out.write(article_text(article, plain=plain))
    return target
