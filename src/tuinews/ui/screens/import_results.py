"""What the import dialog shows after an import: the totals of its runs, as text."""

from __future__ import annotations

from rich.text import Text

from tuinews.models import ImportReport


def merge_reports(first: ImportReport | None, second: ImportReport) -> ImportReport:
    """The totals of two runs, so closing after several imports reports them all."""
    if first is None:
        return second
    return ImportReport(
        new=first.new + second.new,
        updated=first.updated + second.updated,
        duplicate=first.duplicate + second.duplicate,
        sources=first.sources + second.sources,
        subscriptions_added=first.subscriptions_added + second.subscriptions_added,
        failures=[*first.failures, *second.failures],
        article_ids=[*first.article_ids, *second.article_ids],
    )


def result_text(
    report: ImportReport,
    *,
    cancelled: bool = False,
    done: int = 0,
    total: int = 0,
    error_style: str = "red",
    warning_style: str = "yellow",
) -> Text:
    """The result area: the CLI's summary line, one line per failure, new subscriptions.

    Names and reasons come from outside: they are appended as text, never as markup.
    """
    text = Text()
    if cancelled:
        text.append(f"cancelled after {done} of {total} sources\n", style=warning_style)
    text.append(report.summary(), style="bold")
    for failure in report.failures:
        text.append(f"\nerror: {failure.source}: {failure.reason}", style=error_style)
    if report.subscriptions_added:
        text.append(f"\nsubscribed to {report.subscriptions_added} new feeds")
    return text
