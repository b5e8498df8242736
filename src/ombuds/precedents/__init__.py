"""Precedents: the published decisions most like a complaint or a decision (see service.py)."""
