"""Background work of the dashboard, through Django's tasks framework."""

from django.tasks import task

from kozkincs.dashboard.services import indicators_compute


@task
def indicators_compute_task(year: int | None = None) -> list[str]:
    return indicators_compute(year=year).written
