"""Benchmarks and the synthetic corpus generator.

A package so that tests can import them: `from bench import synthetic`.
"""
