"""ombuds: the work of an ombudsman's assessment team, as open-source Python."""

__version__ = "0.1.0"
