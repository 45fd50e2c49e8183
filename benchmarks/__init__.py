"""Benchmarks: measurements of newskg on outside data, run from the repository root with
``python -m benchmarks.NAME``. Not part of the installed package."""
