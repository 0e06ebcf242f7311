"""`make bench`: a synthetic national-scale dataset served as `make run` does, loaded with wrk.

Entry points: ``python -m benchmarks.run`` (the whole benchmark) and
``python -m benchmarks.generate`` (only the database). See docs/how-to/run-the-benchmarks.md.
"""
