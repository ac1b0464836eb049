"""Benchmarks of netzwerk; `make bench` runs them all, results go to docs/PERFORMANCE.md."""
