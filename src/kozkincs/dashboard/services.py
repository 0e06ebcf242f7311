"""Writing the computed indicators' values (run by the task in ``tasks.py`` and by
``kozkincs compute_indicators``, yearly)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kozkincs.dashboard.computations import computation_get
from kozkincs.strategy.selectors import indicators_computed
from kozkincs.strategy.services import indicator_value_store_computed

SOURCE_NOTE = "Computed from the portal's data ({key})."


@dataclass
class ComputeReport:
    year: int
    written: list[str]
    skipped: list[str]
    unknown: list[str]


@transaction.atomic
def indicators_compute(*, year: int | None = None) -> ComputeReport:
    """Compute every computed indicator for ``year`` (default: this year) and store the
    values. Catalog-based computations describe the present and run for the current year
    only; a value staff entered for the year is kept."""
    current = timezone.localdate().year
    year = year or current
    report = ComputeReport(year=year, written=[], skipped=[], unknown=[])
    for indicator in indicators_computed():
        computation = computation_get(indicator.computed_by)
        label = f"{indicator.goal.priority.number}. {indicator.name}"
        if computation is None:
            report.unknown.append(f"{label} ({indicator.computed_by})")
            continue
        value = computation(year, indicator) if computation.historical or year == current else None
        if value is None:
            report.skipped.append(label)
            continue
        indicator_value_store_computed(
            indicator=indicator, year=year, value=value,
            source_note=SOURCE_NOTE.format(key=computation.key),
        )  # fmt: skip
        report.written.append(label)
    return report
