"""``kozkincs compute_network``: recompute the yearly network figures now (what the background
task does after ties change)."""

import time

from django.core.management.base import BaseCommand

from kozkincs.network.figures import network_figures_recompute


class Command(BaseCommand):
    help = "Recompute the yearly snapshots of the network figures from the confirmed ties."

    def handle(self, *args, **options):
        started = time.perf_counter()
        years = network_figures_recompute()
        elapsed = time.perf_counter() - started
        span = f"{years[0]}-{years[-1]}" if years else "-"
        self.stdout.write(f"Network figures for {len(years)} years ({span}) in {elapsed:.2f} s.")
