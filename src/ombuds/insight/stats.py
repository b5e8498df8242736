"""The statistics behind the insight figures: Wilson score intervals for proportions.

Why Wilson: an uphold rate from 3 decisions, or a ground used in 0 of 12, needs an interval
that stays inside 0..1 and is honest at small counts; the normal ("Wald") interval is neither
(Brown, Cai and DasGupta 2001 recommend Wilson's for exactly this). Vectorised with NumPy, so
every council is done at once.
"""

from __future__ import annotations

import numpy as np

Z95 = 1.959963984540054  # the two-sided 95% normal quantile


def wilson(k: np.ndarray, n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of the Wilson score interval for k successes in n trials (n = 0: 0..1)."""
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    safe = np.where(n > 0, n, 1.0)
    p = k / safe
    z2 = z * z
    centre = (p + z2 / (2 * safe)) / (1 + z2 / safe)
    half = z * np.sqrt(p * (1 - p) / safe + z2 / (4 * safe * safe)) / (1 + z2 / safe)
    low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), 0.0)
    high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), 1.0)
    return low, high
