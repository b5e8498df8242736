"""The ASCII fast path of terms.count_words, in C (_wordcount.c; why C: see terms.py)."""

from collections.abc import Iterable

MAX_COUNT: int

def count(spaced: bytes, stop: Iterable[bytes], /) -> tuple[str, bytes, int] | None:
    """terms._counted_python in C: (the words of `spaced`, lower-cased ASCII whose marks are
    spaces, less the stop words, joined by spaces in order of first occurrence; their counts
    as bytes, capped at MAX_COUNT; the number of words), or None when words sharing a hash
    crowd its table (hostile input, to be counted in Python)."""
