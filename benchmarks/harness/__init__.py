"""The benchmark harness behind ``benchmarks/run.py``: corpus, measurements, report.

Every figure is measured against a baseline taken in the same run, on the same
machine, so a busy or slow machine moves both alike. See ``run.py``.
"""
