"""Links and images numbered in the text, the list at the end, and URLs that wrap readably."""

from __future__ import annotations

import io

from rich.console import Console

from tuinews.numbered import Link, LinkList, number_links, wrap_url

BODY = """Read [the report](https://example.org/report) and [the data](<https://example.org/data>).
Again: [the report, once more](https://example.org/report) and <https://example.org/raw>.

![A chart of rainfall](https://example.org/chart.png "Rainfall")

[![Logo](https://example.org/logo.png)](https://example.org/home)

A relative [link](/local) and a `[code](https://example.org/not-a-link)` span.

```
[fenced](https://example.org/fenced)
```
"""


def test_links_are_numbered_in_reading_order_once_per_url() -> None:
    numbered = number_links(BODY)
    assert [link.url for link in numbered.links] == [
        "https://example.org/report",
        "https://example.org/data",
        "https://example.org/raw",
        "https://example.org/chart.png",
        "https://example.org/logo.png",
        "https://example.org/home",
    ]
    text = numbered.markdown
    assert "[the report](https://example.org/report)\\[1\\]" in text
    assert "[the report, once more](https://example.org/report)\\[1\\]" in text
    assert "<https://example.org/raw>\\[3\\]" in text
    assert "\\[image 4: A chart of rainfall\\]" in text
    assert "[\\[image 5: Logo\\]](https://example.org/home)\\[6\\]" in text
    chart = Link(4, "A chart of rainfall", "https://example.org/chart.png", image=True)
    assert numbered.links[3] == chart
    assert numbered.links[5].text == "image 5: Logo"
    # Relative links, code spans and fenced code are left as they are.
    assert "[link](/local) and" in text
    assert "`[code](https://example.org/not-a-link)`" in text
    assert "[fenced](https://example.org/fenced)\n```" in text
    assert numbered.link(6) == numbered.links[5]
    assert numbered.link(0) is None and numbered.link(7) is None


def test_a_body_without_links_is_unchanged() -> None:
    numbered = number_links("Plain *text* with [brackets] and (parens).")
    assert numbered.markdown == "Plain *text* with [brackets] and (parens)."
    assert numbered.links == ()


def test_long_urls_wrap_after_a_slash_or_separator() -> None:
    url = "https://news.example.org/2026/11/23/a-very-long-article-slug-about-rain?utm_source=feed&x=1"
    lines = wrap_url(url, 30)
    assert "".join(lines) == url
    assert all(len(line) <= 30 for line in lines)
    assert all(line[-1] in "/?&=#-_." for line in lines[:-1])
    # Without a break character in reach, the URL is cut at the width.
    assert wrap_url("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_link_list_draws_numbers_labels_and_indented_urls() -> None:
    url = "https://news.example.org/2026/11/23/a-very-long-article-slug-about-rain?utm_source=feed"
    out = io.StringIO()
    console = Console(file=out, width=40, color_system=None)
    console.print(LinkList([Link(1, "Rain", url), Link(2, "Chart", "https://e.org/c.png", True)]))
    lines = out.getvalue().splitlines()
    assert lines[0] == "Links"
    assert lines[1].rstrip() == "[1] Rain"
    wrapped = [line.strip() for line in lines[2:-2]]
    assert "".join(wrapped) == url and all(line.startswith("    ") for line in lines[2:-2])
    assert lines[-2].rstrip() == "[2] image: Chart"
    assert lines[-1].strip() == "https://e.org/c.png"


def test_the_heading_breaks_a_long_article_url_after_a_slash() -> None:
    from dataclasses import replace

    from tuinews.article_view import heading
    from weather import RAIN

    url = "https://news.example.org/2026/11/23/a-very-long-article-slug-about-rain"
    lines = heading(replace(RAIN, url=url), width=30).plain.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("https://"))
    url_lines = lines[start : start + len(wrap_url(url, 30))]
    assert "".join(url_lines) == url and url_lines[0] == "https://news.example.org/2026/"
