"""The one percentile every benchmark reports, so a p95 here means the same as a p95 there.

Linear interpolation between the two nearest ranks (the usual definition, numpy's default): with few samples a
nearest-rank percentile jumps from one sample to the next, and two benches rounding ranks differently would
disagree on the same data. Run a bench as ``python bench/<name>.py`` from the repository root; each puts the root
on ``sys.path`` and imports ``from bench.stats import percentile``.
"""

from __future__ import annotations

from collections.abc import Iterable


def percentile(values: Iterable[float], share: float) -> float:
    """The ``share`` quantile (0 ≤ share ≤ 1, e.g. 0.95 for p95) of ``values``; NaN when there are none."""
    if not 0 <= share <= 1:
        raise ValueError(f"share must be between 0 and 1, not {share!r}")
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
