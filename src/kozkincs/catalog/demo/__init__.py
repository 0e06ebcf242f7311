"""Demo data: the 33 sourced heritage items and invented entries for every built-in catalog.

``load_demo(user=None) -> DemoReport`` creates them through the catalog services;
``kozkincs load_demo`` is its command-line form.
"""

from kozkincs.catalog.demo.entries import DemoDataError, DemoEntry, demo_entries
from kozkincs.catalog.demo.loading import DemoReport, load_demo

__all__ = ["DemoDataError", "DemoEntry", "DemoReport", "demo_entries", "load_demo"]
