"""Background work of the network, through Django's tasks framework (never inside a request's
transaction: enqueued on commit by the services)."""

from django.tasks import task

from kozkincs.network.figures import network_figures_recompute


@task
def network_figures_compute() -> list[int]:
    return network_figures_recompute()
