"""Insight: what the corpus of published decisions shows (see service.py and docs/insight.md)."""
