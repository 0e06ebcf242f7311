"""Background work of the network, through Django's tasks framework (never inside a request's
transaction: enqueued on commit by the services)."""

from django.tasks import task


@task
def network_figures_compute() -> list[int]:
    # Imported here, in the worker that runs the task: the figures need networkx, which a
    # web process (that only enqueues this task) should not load (worker memory,
    # docs/explanation/performance.md).
    from kozkincs.network.figures import network_figures_recompute

    return network_figures_recompute()
