"""Pick the page's article among the runs of prose the reading eye weighed (`prose`).

The best run is the maximum-sum segment of the lines' weights; a run under the end of a long
stretch of prose counts for less, and a run is joined to more prose past a block of
furniture (an embedded player) when nothing that ends an article stands between them.
"""

from __future__ import annotations

from tuinews.importer.formats.textdump.prose import CUT, Grade, Run

_READ = 150  # words of prose above an end that make it the end of an article
_PAST = 0.5  # what prose under the end of an article is worth
_BRIDGE = 0.3  # a continuation past furniture at least this share of the run is its own
_BRIDGES = 3  # blocks of furniture an article may be joined across, one after another
_BRIDGE_HEADLINES = 2  # headline-like lines between them that tell other stories' teasers
_CANDIDATES = 3  # runs weighed against each other for the article
_FEED = 3  # entries with a time (a live ticker, a comment thread) within _FEED_SPAN lines
_FEED_SPAN = 20
_TAIL = 1 / 3  # prose under an article's end shorter than this share of it: a box's teasers
_ENDS = (Grade.END, Grade.CUT)
_HEADLINES = (Grade.SHORT, Grade.TWIN)
# ... and a list of cards (headlines printed twice) under a long stretch of prose: its end too.
_TAIL_ENDS = (Grade.END, Grade.CUT, Grade.TWIN)


def main_run(
    grades: list[Grade], sizes: list[int], weight: list[float], numbers: list[int] | None = None
) -> Run | None:
    """The run that reads as the page's article: the best of the few highest-scoring runs,
    where a run under the end of a long stretch of prose ("Related", comments, a footer)
    counts for less: what follows an article is comments and teasers more often than not.
    `numbers` are the numbers of the page's numbered headings ("5. ..."), 0 elsewhere."""
    runs = best_runs(weight)
    if not runs:
        return None
    ended = _article_end(grades, sizes)
    if runs[0].start < ended:
        best = runs[0]  # the others count for less still
    else:
        runs = best_runs(weight, _CANDIDATES)
        best = max(runs, key=lambda run: run.score * (_PAST if run.start >= ended else 1.0))
    numbers = numbers or [0] * len(grades)
    return _tail_cut(_bridged(best, grades, sizes, weight, numbers), grades, sizes, weight)


def _tail_cut(run: Run, grades: list[Grade], sizes: list[int], weight: list[float]) -> Run:
    """The run without what follows an end ("Related", "Latest news", a list of cards) under a
    long stretch of its prose, when the prose below is short beside the prose above: a box's
    teasers, not the article going on past an inline box."""
    read = 0
    for i in range(run.start, run.stop):
        if grades[i] is Grade.GOOD:
            read += sizes[i]
        elif grades[i] in _TAIL_ENDS and read >= _READ:
            # What the prose below weighs: a teaser alone between headlines counts for less.
            below = sum(weight[j] for j in range(i, run.stop) if grades[j] is Grade.GOOD)
            if below < _TAIL * read:
                last = next(j for j in range(i - 1, run.start - 1, -1) if weight[j] > 0)
                return Run(run.start, last + 1, run.score)
    return run


def feed_cut(run: Run, stamps: list[int], grades: list[Grade], sizes: list[int]) -> Run:
    """The run without a feed of entries marked with a time (a live ticker of other news, a
    comment thread) that starts under a long stretch of its prose. `stamps` are the run's
    lines that start with a time, in order. A feed the run opens with is a live blog:
    the article itself."""
    for n, first in enumerate(stamps):
        if n + _FEED - 1 < len(stamps) and stamps[n + _FEED - 1] < first + _FEED_SPAN:
            read = sum(sizes[j] for j in range(run.start, first) if grades[j] is Grade.GOOD)
            if read < _READ:
                return run
            last = next(j for j in range(first - 1, run.start - 1, -1) if grades[j] is Grade.GOOD)
            return Run(run.start, last + 1, run.score)
    return run


def _bridged(
    run: Run, grades: list[Grade], sizes: list[int], weight: list[float], numbers: list[int]
) -> Run:
    """The run joined to the prose past a block of furniture on either side of it (an
    embedded video player's controls), when nothing that ends an article and no headlines
    (other stories' teasers) stand between them, or when the prose past it opens with the
    next of the run's numbered headings (a gallery between "5. ..." and "6. ...")."""
    n = len(grades)
    stop = next((j for j in range(run.stop, n) if grades[j] in _ENDS or weight[j] <= CUT), n)
    for _ in range(_BRIDGES):
        after = _max_segment(weight, run.stop, stop)
        if after is None or not (
            _joins(run, after, grades, sizes, run.stop, after.start)
            or _numbered_on(numbers, run, after.start)
        ):
            break
        run = Run(run.start, after.stop, run.score + after.score)
    start = next(
        (j + 1 for j in range(run.start - 1, -1, -1) if grades[j] in _ENDS or weight[j] <= CUT),
        0,
    )
    before = _max_segment(weight, start, run.start)
    if before is not None and _joins(run, before, grades, sizes, before.stop, run.start):
        run = Run(before.start, run.stop, run.score + before.score)
    return run


def _numbered_on(numbers: list[int], run: Run, start: int) -> bool:
    """Whether the first numbered heading from the run's end to `start` (where the prose past
    a block begins) is the next number after the run's last one."""
    last = next((numbers[j] for j in range(run.stop - 1, run.start - 1, -1) if numbers[j]), 0)
    first = next((numbers[j] for j in range(run.stop, start) if numbers[j]), 0)
    return last > 0 and first == last + 1


def _joins(run: Run, other: Run, grades: list[Grade], sizes: list[int], gap: int, end: int) -> bool:
    """Whether `other` continues `run` across the lines [gap, end) between them."""
    if other.score < _BRIDGE * run.score:
        return False
    headlines = sum(1 for j in range(gap, end) if grades[j] in _HEADLINES and sizes[j] >= 4)
    return headlines <= _BRIDGE_HEADLINES


def _article_end(grades: list[Grade], sizes: list[int]) -> int:
    """The first end line with a long stretch of prose above it (or the page's length)."""
    read = 0
    for i, grade in enumerate(grades):
        if grade is Grade.GOOD:
            read += sizes[i]
        elif read >= _READ and grade in (Grade.END, Grade.CUT):
            return i
    return len(grades)


def best_runs(weight: list[float], limit: int = 1) -> list[Run]:
    """The highest-scoring runs of lines that start and end with prose, best first."""
    runs: list[Run] = []
    taken: list[bool] | None = None  # lines of the runs found so far
    for _ in range(limit):
        best = _max_segment(weight, 0, len(weight), taken)
        if best is None:
            break
        runs.append(best)
        taken = taken or [False] * len(weight)
        taken[best.start : best.stop] = [True] * (best.stop - best.start)
    return runs


def _max_segment(
    weight: list[float], lo: int, hi: int, taken: list[bool] | None = None
) -> Run | None:
    """The maximum-sum segment of lines [lo, hi) not taken (Kadane), trimmed to positive
    lines."""
    best: Run | None = None
    total = 0.0
    start = lo
    for i in range(lo, hi):
        w = weight[i]
        if taken is not None and taken[i]:
            total, start = 0.0, i + 1
            continue
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > 0 and (best is None or total > best.score) and w > 0:
            best = Run(start, i + 1, total)
    if best is None:
        return None
    first = next(j for j in range(best.start, best.stop) if weight[j] > 0)
    return Run(first, best.stop, best.score)
