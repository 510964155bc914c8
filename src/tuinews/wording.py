"""Counted nouns for what the reader and the command line say: "1 article", "3 articles"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`count` and `noun`, the noun plural (an added s) unless the count is one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
