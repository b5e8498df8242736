"""The one C extension of ombuds (the rest of the build is in pyproject.toml).

`ombuds.corpus.store._wordcount`: the ASCII fast path of `terms.count_words`, which ingest runs
for every decision (why C: see terms.py). Built by `pip install -e .` like the package; when it
is not importable, terms.py counts in Python, with the same results.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "ombuds.corpus.store._wordcount",
            ["src/ombuds/corpus/store/_wordcount.c"],
        )
    ]
)
