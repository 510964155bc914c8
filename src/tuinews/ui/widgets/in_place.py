"""An OptionList given new options: redrawn in place when only their text changed.

Emptying and refilling an OptionList lays it out again and redraws it with its scrollbar;
the sidebar did that for every article read (one count goes down). When the entries are
the same (ids, separators, disabled ones), replacing their text is enough.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

Shape = tuple[tuple[str | None, bool] | None, ...]


def shape_of(options: list[Option | None]) -> Shape:
    """What must stay the same for options to be redrawn in place."""
    return tuple(None if option is None else (option.id, option.disabled) for option in options)


def show_options(listing: OptionList, options: list[Option | None], shown: Shape) -> Shape:
    """Show `options` in `listing`, which shows options of shape `shown`; return theirs."""
    shape = shape_of(options)
    if shape != shown:
        listing.clear_options()
        listing.add_options(options)
        return shape
    new = [option for option in options if option is not None]
    for index, (old, option) in enumerate(zip(listing.options, new, strict=True)):
        if old.prompt != option.prompt:
            listing.replace_option_prompt_at_index(index, option.prompt)
    return shape
