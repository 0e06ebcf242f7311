"""The trend of an indicator as plain data for an SVG bar chart (drawn by the template, no
JavaScript): the 2009-2010 baseline, the measured values by year, the target. The same points
fill the chart's data table."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kozkincs.strategy.models import Indicator

WIDTH, HEIGHT = 480, 160
TOP, BOTTOM, GAP = 22, 24, 6
"""Room for the value above a bar and the year below it; the gap between bars."""
MAX_BARS = 12
"""The baseline, the last measured values that fit, the target."""


@dataclass(frozen=True)
class Point:
    kind: str  # "baseline", "value" or "target"
    label: object
    year: int | None
    value: Decimal
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True)
class Trend:
    points: list[Point]
    latest: Point | None
    progress: int | None
    """How far the latest value got from the baseline to the target, in percent."""
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def baseline_y(self) -> int:
        return HEIGHT - BOTTOM

    @property
    def year_y(self) -> int:
        return HEIGHT - 8


def _progress(indicator: Indicator, latest: Point | None) -> int | None:
    if latest is None or indicator.baseline_value is None or indicator.target_value is None:
        return None
    span = indicator.target_value - indicator.baseline_value
    if span == 0:
        return None
    return round(100 * (latest.value - indicator.baseline_value) / span)


def indicator_trend(indicator: Indicator) -> Trend:
    """The chart of ``indicator`` (its ``values`` prefetched, in year order)."""
    raw: list[Point] = []
    if indicator.baseline_value is not None:
        raw.append(Point("baseline", _("baseline"), indicator.baseline_year,
                         indicator.baseline_value))  # fmt: skip
    measured = [Point("value", _("measured"), v.year, v.value) for v in indicator.values.all()]
    room = MAX_BARS - len(raw) - (indicator.target_value is not None)
    raw.extend(measured[-room:] if room > 0 else [])
    if indicator.target_value is not None:
        raw.append(Point("target", _("target"), indicator.target_year, indicator.target_value))
    latest = measured[-1] if measured else None
    if not raw:
        return Trend(points=[], latest=None, progress=None)
    top = max(max(p.value for p in raw), Decimal(1))
    slot = WIDTH / len(raw)
    usable = HEIGHT - TOP - BOTTOM
    points = []
    for index, point in enumerate(raw):
        height = float(point.value / top) * usable
        points.append(Point(
            point.kind, point.label, point.year, point.value,
            x=round(index * slot + GAP / 2, 1), y=round(HEIGHT - BOTTOM - height, 1),
            width=round(slot - GAP, 1), height=round(height, 1),
        ))  # fmt: skip
    return Trend(points=points, latest=latest, progress=_progress(indicator, latest))
