"""ombuds: the work of an ombudsman's assessment team, as open-source Python."""

import os

__version__ = "0.1.0"

# NumPy asks the kernel for transparent huge pages for every array of 4 MB or more. Where the
# kernel then compacts memory to find them as the array is first written (transparent_hugepage
# `defrag` set to `madvise`, as on Debian), a search's fresh arrays stalled: at a million
# decisions, scoring one common word took 49 ms with huge pages and 14 ms without, and the first
# pass of the search benchmark's p95 fell from 71 to 60 ms (docs/performance.md, "Huge pages").
# NumPy reads this when it is first imported; a value the user has set is kept.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
