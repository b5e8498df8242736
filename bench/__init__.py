"""Benchmarks and the synthetic corpus generator (importable by tests: `from bench import synthetic`)."""
