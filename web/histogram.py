"""The date histogram of a search: hits per month (or per year over a long span), each bar a
link that narrows the search to its month or year. Drawn as SVG on the server, so it works
without JavaScript; bars are links with a text label for screen readers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from indexer.wording import month_name
from web import links

MONTHS_SHOWN = 36
"""Spans up to this many months get a bar per month; longer spans a bar per year."""
WIDTH = 640
HEIGHT = 80
GAP = 1


@dataclass(frozen=True)
class Bar:
    """One bar: its period, count, geometry and the URL of the search within it."""

    label: str
    count: int
    x: float
    width: float
    height: float
    url: str

    @property
    def y(self) -> float:
        """Return the top of the bar."""
        return HEIGHT - self.height


@dataclass(frozen=True)
class Histogram:
    """The bars, with the first and last period for the axis."""

    bars: list[Bar]
    first: str
    last: str
    unit: str
    """"month" or "year"."""
    total: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def summary(self) -> str:
        """Return what the chart shows, in words."""
        busiest = max(self.bars, key=lambda bar: bar.count)
        return (
            f"Hits per {self.unit} from {self.first} to {self.last}; "
            f"most in {busiest.label} ({busiest.count})."
        )


def histogram(months: dict[str, int], pairs: links.Pairs, base: str) -> Histogram | None:
    """Return the histogram of per-month counts, or None when fewer than two periods have hits."""
    counted = {month: n for month, n in months.items() if _is_month(month) and n}
    if not counted:
        return None
    first, last = min(counted), max(counted)
    periods = _months_between(first, last)
    unit = "month"
    if len(periods) > MONTHS_SHOWN:
        unit = "year"
        years: Counter[str] = Counter()
        for month, n in counted.items():
            years[month[:4]] += n
        counted = dict(years)
        periods = [str(year) for year in range(int(first[:4]), int(last[:4]) + 1)]
    if len(periods) < 2:
        return None
    tallest = max(counted.values())
    step = WIDTH / len(periods)
    bars = []
    for number, period in enumerate(periods):
        count = counted.get(period, 0)
        kept = links.replaced(links.replaced(links.without(pairs), "from", period), "to", period)
        bars.append(
            Bar(
                label=_label(period),
                count=count,
                x=round(number * step, 2),
                width=round(max(step - GAP, 1), 2),
                height=round(HEIGHT * count / tallest, 2) if count else 0,
                url=links.href(base, kept),
            )
        )
    return Histogram(bars, _label(periods[0]), _label(periods[-1]), unit, sum(counted.values()))


def _is_month(value: str) -> bool:
    return len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit()


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _label(period: str) -> str:
    if len(period) == 7:
        return month_name(period)
    return period
