"""Omission scores: how much of a story each outlet leaves out (from a claim coverage table).

:func:`omission_scores` reads the coverage of :func:`compare.align.align_claims` (or the
``coverage`` table of :class:`compare.Results`) and gives, per outlet and story, the share of the
claims other outlets carry that it leaves out, weighted by how many carry each, with a bootstrap
interval over the story's claims.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..exceptions import InvalidInputError
from .claims import STATUSES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["OMISSION_COLUMNS", "omission_scores"]


def omission_scores(
    coverage: pd.DataFrame,
    *,
    partial_weight: float = 0.5,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """How much of a story each outlet leaves out, weighted by how widely the rest carry it.

    Parameters
    ----------
    coverage : pandas.DataFrame
        :attr:`ClaimAlignment.coverage`, or the ``coverage`` table of :class:`compare.Results`
        (with ``event_id``: one score per event and outlet).
    partial_weight : float
        How much a claim the outlet carries in part, lacking a clause others state, counts as
        omitted (0: not at all, 1: as a full omission). Claims where the outlet *adds* a clause
        count as carried.
    n_boot : int
        Bootstrap resamples of the story's claims for the interval (0: no interval).
    ci : float
        Coverage of the interval, in (0, 1).
    seed : int
        Seed of the bootstrap (results are reproducible).

    Returns
    -------
    pandas.DataFrame
        One row per event and outlet, columns :data:`OMISSION_COLUMNS`: ``n_claims`` (claims of
        the story that at least one *other* outlet carries), ``n_omitted``, ``n_lacking`` (carried
        in part, lacking a clause), ``omission`` (the weighted share, in [0, 1]; higher: the outlet
        leaves out more of what the others report; NaN without claims), ``omission_unweighted``
        (plain share of omitted claims), ``ci_low``/``ci_high`` (percentile bootstrap over
        claims; NaN with fewer than 2 claims or ``n_boot=0``) and ``n_other_outlets``.

    Raises
    ------
    InvalidInputError
        If a column is missing or an option is out of range.

    Notes
    -----
    For outlet *o* and the claims *c* stated by at least one other outlet, with ``w_c`` the number
    of other outlets that state *c* and ``m_c`` 1 if *o* omits it, ``partial_weight`` if it lacks
    a clause, else 0: ``omission = sum(w_c * m_c) / sum(w_c)``. A claim every other outlet carries
    weighs most; one only a single other outlet states weighs least. The interval resamples claims
    with replacement (the story's claims are the units); it does not cover the uncertainty of the
    alignment itself.

    Examples
    --------
    >>> import pandas as pd
    >>> cov = pd.DataFrame({"claim_id": ["c1", "c1", "c2", "c2"], "outlet": ["A", "B", "A", "B"],
    ...                     "status": ["carried", "carried", "only_here", "omitted"], "n_outlets": [2, 2, 1, 1]})
    >>> omission_scores(cov, n_boot=0)[["outlet", "n_claims", "omission"]].to_dict("records")
    [{'outlet': 'A', 'n_claims': 1, 'omission': 0.0}, {'outlet': 'B', 'n_claims': 2, 'omission': 0.5}]
    """
    import numpy as np
    import pandas as pd

    caller = "omission_scores"
    if not isinstance(coverage, pd.DataFrame):
        msg = (
            f"The 'coverage' parameter of {caller} must be a pandas DataFrame. Got {type(coverage).__name__}."
        )
        raise TypeError(msg)
    missing = {"claim_id", "outlet", "status"} - set(coverage.columns)
    if missing:
        msg = f"The 'coverage' parameter of {caller} lacks the columns {sorted(missing)}."
        raise InvalidInputError(msg)
    bad = set(coverage["status"].dropna()) - set(STATUSES)
    if bad:
        msg = f"The 'coverage' parameter of {caller} has unknown statuses {sorted(map(str, bad))}: expected {list(STATUSES)}."
        raise InvalidInputError(msg)
    checks = (
        ("partial_weight", partial_weight, lambda v: 0.0 <= v <= 1.0, "a number in [0, 1]"),
        ("ci", ci, lambda v: 0.0 < v < 1.0, "a number in (0, 1)"),
    )
    for name, value, ok, what in checks:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not ok(value):
            msg = f"The '{name}' parameter of {caller} must be {what}. Got {value!r} instead."
            raise InvalidInputError(msg)
    for name, value in (("n_boot", n_boot), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            msg = f"The '{name}' parameter of {caller} must be an int >= 0. Got {value!r} instead."
            raise InvalidInputError(msg)
    has_event = "event_id" in coverage.columns
    rows = []
    rng = np.random.default_rng(seed)
    frames = coverage.groupby("event_id", sort=True) if has_event else [("", coverage)]
    for event_id, part in frames:
        claim_ids = sorted(set(part["claim_id"]), key=str)
        outlets = sorted(set(part["outlet"]), key=str)
        pos = {c: k for k, c in enumerate(claim_ids)}
        col = {o: k for k, o in enumerate(outlets)}
        status = np.full((len(claim_ids), len(outlets)), "omitted", dtype=object)
        lacks = np.zeros(status.shape, dtype=bool)
        parts = part["part"] if "part" in part.columns else [""] * len(part)
        for cid, o, st, pt in zip(part["claim_id"], part["outlet"], part["status"], parts, strict=True):
            status[pos[cid], col[o]] = st
            lacks[pos[cid], col[o]] = pt == "lacks"
        states_carry = (status == "carried") | (status == "carried_in_part") | (status == "only_here")
        n_carry = states_carry.sum(axis=1)
        for k, outlet in enumerate(outlets):
            w = (n_carry - states_carry[:, k]).astype(float)  # other outlets that state each claim
            keep = w > 0
            w = w[keep]
            m = np.where(status[keep, k] == "omitted", 1.0, 0.0) + np.where(
                lacks[keep, k], partial_weight, 0.0
            )
            n = int(keep.sum())
            score = float((w * m).sum() / w.sum()) if n else math.nan
            lo = hi = math.nan
            if n >= 2 and n_boot > 0:
                idx = rng.integers(0, n, size=(n_boot, n))
                bw = w[idx]
                boot = (bw * m[idx]).sum(axis=1) / bw.sum(axis=1)
                lo, hi = (float(v) for v in np.quantile(boot, [(1 - ci) / 2, (1 + ci) / 2]))
            rows.append(
                (
                    event_id,
                    outlet,
                    n,
                    int((status[keep, k] == "omitted").sum()),
                    int(lacks[keep, k].sum()),
                    score,
                    float((status[keep, k] == "omitted").mean()) if n else math.nan,
                    lo,
                    hi,
                    len(outlets) - 1,
                )
            )
    out = pd.DataFrame(rows, columns=["event_id", *OMISSION_COLUMNS])
    return out if has_event else out.drop(columns="event_id")


#: Columns of :func:`omission_scores` (``event_id`` first when the coverage has events).
OMISSION_COLUMNS: tuple[str, ...] = (
    "outlet",
    "n_claims",
    "n_omitted",
    "n_lacking",
    "omission",
    "omission_unweighted",
    "ci_low",
    "ci_high",
    "n_other_outlets",
)
