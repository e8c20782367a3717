"""The report's claim section (private): coverage matrix, omission scores, and what each outlet
dropped or added, in words, beside the other outlets' sentences.

Reads the ``coverage``, ``claims`` and ``omission`` tables of :class:`compare.Results`; article
text is shown as given and escaped by the templates (``claims.html``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from ._data import Block, Section, TableBlock, TextBlock
from ._format import _table_block, format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results

__all__ = ["ClaimDiffBlock", "ClaimDiffRow", "claims_section"]

#: At most this many omitted claims (the most widely carried first) and claims stated alone are
#: listed per outlet; every claim carried in part is listed.
MAX_OMITTED = 4
MAX_ALONE = 4
#: At most this many claims carried in part per outlet (the most widely carried first), and this
#: many other outlets' sentences beside each (the rest are counted).
MAX_PART = 8
MAX_OTHERS = 5
HEADLINE_WORDS = 12  # an omitted or lone claim is named by its first words
#: Stories with more outlets than this get the short form, so that a story of 50 outlets stays a
#: readable report (and PDF) instead of hundreds of pages: per outlet at most
#: ``max(2, STORY_ROWS // outlets)`` rows, no "omits" rows (the omission table counts them), two
#: other outlets' sentences beside each, and only the claims at least two outlets carry, at most
#: ``MAX_CLAIM_TABLE`` of them, in the table of sentences.
MANY_OUTLETS = 6
STORY_ROWS = 60
MAX_CLAIM_TABLE = 40
_WHAT = {
    "adds": "adds",
    "lacks": "drops",
    "omitted": "omits the claim",
    "only_here": "states alone",
}


@dataclass(frozen=True)
class ClaimDiffRow:
    """One thing an outlet adds, drops or omits, with its sentence and the others'.

    ``own`` and each of ``others`` are ``(text, marked)`` pieces: the marked piece is the clause
    one side adds.
    """

    claim_id: str
    what: str
    words: str
    own: tuple[tuple[str, bool], ...]
    others: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]


@dataclass(frozen=True)
class ClaimDiffBlock:
    """Per outlet, the claims it carries in part, omits or states alone (template ``claims.html``)."""

    outlets: tuple[tuple[str, tuple[ClaimDiffRow, ...]], ...]
    caption: str = ""
    kind: str = field(default="claim_diffs", init=False)


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _headline(text: str, words: int = HEADLINE_WORDS) -> str:
    """The first ``words`` words of a sentence, with an ellipsis when it is longer."""
    parts = _flat(text).split(" ")
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _spaced(text: str) -> str:
    """Runs of white space as one space, ends kept (the pieces of a sentence join without gaps)."""
    return re.sub(r"\s+", " ", text)


def _pieces(text: str, start: int, end: int, mark: tuple[int, int] | None) -> tuple[tuple[str, bool], ...]:
    """A sentence at ``[start, end)`` of its article, cut around ``mark`` (article offsets)."""
    if mark is None or mark[1] <= start or mark[0] >= end:
        return ((_flat(text), False),)
    a, b = max(mark[0], start) - start, min(mark[1], end) - start
    parts = ((text[:a].lstrip(), False), (text[a:b], True), (text[b:].rstrip(), False))
    return tuple((_spaced(t), m) for t, m in parts if t)


class _Limits(NamedTuple):
    part: int
    omitted: int
    alone: int
    others: int
    per_outlet: int | None  # rows per outlet in all, None: no cap beyond the kinds'


def _limits(n_outlets: int) -> _Limits:
    if n_outlets <= MANY_OUTLETS:
        return _Limits(MAX_PART, MAX_OMITTED, MAX_ALONE, MAX_OTHERS, None)
    per = max(2, STORY_ROWS // n_outlets)
    return _Limits(per, 0, per, 2, per)


def _diff_rows(
    coverage: pd.DataFrame, claims: pd.DataFrame, limits: _Limits | None = None
) -> tuple[tuple[str, tuple[ClaimDiffRow, ...]], ...]:
    if limits is None:
        limits = _limits(coverage["outlet"].nunique())
    has_part = {"part", "evidence_article_id", "evidence_start", "evidence_end"} <= set(coverage.columns)
    by_claim: dict[Any, list[Any]] = {}  # claim -> its sentences as records, in table order
    for r in claims.itertuples(index=False):
        by_claim.setdefault(r.claim_id, []).append(r)
    ordered = {cid: sorted(recs, key=lambda r: (str(r.outlet), str(r.article_id))) for cid, recs in by_claim.items()}
    out = []
    for outlet in sorted(coverage["outlet"].unique(), key=str):
        rows: list[tuple[int, int, ClaimDiffRow]] = []
        mine = coverage[coverage["outlet"] == outlet]
        for rec in mine.itertuples(index=False):
            members = by_claim.get(rec.claim_id)
            if members is None:
                continue
            status = rec.status
            part = getattr(rec, "part", "") if has_part else ""
            if status == "carried_in_part" and part in ("adds", "lacks"):
                key = part
            elif status in ("omitted", "only_here"):
                key = status
            else:
                continue
            mark = None
            if key in ("adds", "lacks") and int(rec.evidence_start) >= 0:
                mark = (str(rec.evidence_article_id), int(rec.evidence_start), int(rec.evidence_end))

            def pieces(row, mark=mark):
                span = mark[1:] if mark is not None and str(row.article_id) == mark[0] else None
                return _pieces(str(row.text), int(row.start), int(row.end), span)

            own = tuple(p for r in members if r.outlet == outlet for p in pieces(r))
            others = tuple((str(r.outlet), pieces(r)) for r in ordered[rec.claim_id] if r.outlet != outlet)
            if len(others) > limits.others:  # the sentence with the clause first, then the rest in order
                first = sorted(others, key=lambda o: not any(m for _, m in o[1]))[: limits.others]
                others = (*first, (f"and {len(others) - limits.others} more", ()))
            if key in ("adds", "lacks"):
                words = _flat(getattr(rec, "evidence_text", ""))
            else:  # the sentences themselves stand beside it: name the claim by its first words
                words = _headline(members[0].text)
            order = {"lacks": 0, "adds": 1, "omitted": 2, "only_here": 3}[key]
            n = len({r.outlet for r in members})
            rows.append((order, -n, ClaimDiffRow(str(rec.claim_id), _WHAT[key], words, own, others)))
        rows.sort(key=lambda r: (r[0], r[1], r[2].claim_id))
        kept, counts = [], {"omits the claim": 0, "states alone": 0, "adds": 0, "drops": 0}
        for _, _, row in rows:
            if limits.per_outlet is not None and len(kept) >= limits.per_outlet:
                break
            limit = {
                "omits the claim": limits.omitted,
                "states alone": limits.alone,
                "adds": limits.part,
                "drops": limits.part,
            }.get(row.what)
            if limit is not None:
                if counts[row.what] >= limit:
                    continue
                counts[row.what] += 1
            kept.append(row)
        if kept:
            out.append((str(outlet), tuple(kept)))
    return tuple(out)


def _omission_block(omission: pd.DataFrame, event: str) -> TableBlock | None:
    if omission.empty or "event_id" not in omission.columns:
        return None
    part = omission[omission["event_id"].astype(str) == event]
    if part.empty:
        return None

    def interval(lo: float, hi: float) -> str:
        return "" if math.isnan(lo) or math.isnan(hi) else f"{format_number(lo)} to {format_number(hi)}"

    view = pd.DataFrame(
        {
            "outlet": part["outlet"].astype(str),
            "omission": part["omission"],
            "95% interval": [
                interval(lo, hi) for lo, hi in zip(part["ci_low"], part["ci_high"], strict=True)
            ],
            "claims others carry": part["n_claims"],
            "omitted": part["n_omitted"],
            "lacking a clause": part["n_lacking"],
        }
    ).sort_values(["omission", "outlet"], ascending=[False, True], na_position="last")
    return _table_block(
        view,
        caption=(
            "Omission: share of the claims other outlets carry that the outlet leaves out, each claim weighted by "
            "how many other outlets carry it (lacking a clause counts half); interval: bootstrap over claims"
        ),
    )


def claims_section(results: Results, event: str | None) -> Section | None:
    """The claim section of an event's report: None without coverage for the event."""
    from ..plotting import CoverageMatrixDisplay
    from ._sections import _figure, _table

    coverage = _table(results, "coverage")
    if event is None or coverage.empty or "event_id" not in coverage.columns:
        return None
    part = coverage[coverage["event_id"].astype(str) == event]
    if part.empty:
        return None
    claims = _table(results, "claims")
    disp = CoverageMatrixDisplay.from_frame(part, claims=claims, event=event)
    n_rows, n_cols = disp.matrix.shape
    blocks: list[Block] = [
        TextBlock(
            (
                (
                    "Claims are sentences aligned across the event's articles. A claim is carried by an outlet "
                    "that has a matching sentence, carried in part when its sentence adds a clause the others "
                    "lack or lacks one they state, omitted by an outlet that has none, and only here when a "
                    "single outlet reports it."
                ),
            )
        )
    ]
    fig = _figure(
        lambda ax: disp.plot(ax=ax),
        size=(0.9 * n_cols + 5.5, 0.26 * n_rows + 1.8),
        id_prefix="coverage-",
        caption="Claim coverage (claims carried by most outlets first).",
    )
    if fig is not None:
        blocks.append(fig)
    counts = part.groupby(["outlet", "status"]).size().unstack("status", fill_value=0)
    counts = counts.reindex(index=sorted(counts.index, key=str), columns=sorted(counts.columns))
    blocks.append(_table_block(counts.reset_index(), caption="Claims by outlet and status"))
    omission = _omission_block(_table(results, "omission"), event)
    if omission is not None:
        blocks.append(omission)
    if not claims.empty and {"claim_id", "outlet", "text", "article_id", "start", "end"} <= set(
        claims.columns
    ):
        sub = claims[claims["event_id"].astype(str) == event] if "event_id" in claims.columns else claims
        if not sub.empty:
            n_outlets = int(part["outlet"].nunique())
            limits = _limits(n_outlets)
            diffs = _diff_rows(part, sub, limits)
            if diffs:
                if limits.per_outlet is None:
                    rule = (
                        f"per outlet at most {limits.part} claims it drops from or adds to, {limits.omitted} it "
                        f"omits and {limits.alone} it states alone, the most widely carried first; "
                        f"{limits.others} other outlets' sentences each"
                    )
                else:
                    rule = (
                        f"{n_outlets} outlets, so per outlet at most {limits.per_outlet} claims it drops from, adds "
                        f"to or states alone, the most widely carried first; claims it omits are counted in the "
                        f"omission table; {limits.others} other outlets' sentences each"
                    )
                blocks.append(
                    ClaimDiffBlock(
                        diffs,
                        caption=(
                            "What each outlet drops, adds or omits, beside the other outlets' sentences (marked: "
                            f"the clause one side adds; {rule})."
                        ),
                    )
                )
            view = sub.sort_values(["claim_id", "outlet", "article_id"])[["claim_id", "outlet", "text"]]
            caption = "Claims and the sentences behind them"
            if n_outlets > MANY_OUTLETS:
                spread = view.groupby("claim_id")["outlet"].nunique()
                shared = spread[spread >= 2].sort_values(ascending=False, kind="mergesort")
                keep = set(shared.index[:MAX_CLAIM_TABLE])
                n_all = int(spread.size)
                view = view[view["claim_id"].isin(keep)]
                caption += (
                    f" (the {len(keep)} claims carried by the most outlets, of {n_all}; every claim is in "
                    "Results.claims)"
                )
            view = view.assign(text=view["text"].map(_flat))
            blocks.append(_table_block(view, caption=caption))
    return Section("coverage", "Claim coverage", tuple(blocks))
