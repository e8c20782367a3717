"""The report's claim section: carried in part, omission, what each outlet drops or adds (in words)."""

from __future__ import annotations

import pandas as pd
import pytest

from compare import Article, Corpus, Results, RunConfig, analyze
from compare.report import build_report, render_html
from compare.report._claims import ClaimDiffBlock

FIXED = "2025-01-01T00:00:00+00:00"
ADDED = "but <b>the actual</b> figure may be much higher"
TEXTS = {
    "p1": f"The commission has recorded 17,000 disappearances since the war began, {ADDED}.\n"
    "The mayor opened a new bridge over the river on Sunday.",
    "q1": "Officials said the storm closed schools across the region.\n"
    "The commission has recorded 17,000 disappearances since the war began.",
    "r1": "Officials said the storm closed schools across the region.\n"
    "The mayor opened a new bridge over the river on Sunday.",
}
OUTLETS = {"p1": "Paper <P>", "q1": "Quill", "r1": "Review"}


@pytest.fixture(scope="module")
def results() -> Results:
    corpus = Corpus([Article(id=k, outlet=OUTLETS[k], text=t, event="e1") for k, t in TEXTS.items()])
    return analyze(corpus, config=RunConfig(families=(), provenance=False), progress=False)


def _section(data, section_id="coverage"):
    return next(s for s in data.sections if s.id == section_id)


def test_alignment_tables_have_partial_claims_and_omission(results):
    cov = results.coverage
    row = cov[(cov["outlet"] == "Paper <P>") & (cov["status"] == "carried_in_part")].iloc[0]
    assert row["part"] == "adds"
    assert row["evidence_article_id"] == "p1"
    assert TEXTS["p1"][row["evidence_start"] : row["evidence_end"]] == row["evidence_text"]
    assert "much higher" in row["evidence_text"]
    lacking = cov[(cov["claim_id"] == row["claim_id"]) & (cov["outlet"] == "Quill")].iloc[0]
    assert (lacking["status"], lacking["part"], lacking["evidence_article_id"]) == (
        "carried_in_part",
        "lacks",
        "p1",
    )
    assert cov[(cov["claim_id"] == row["claim_id"]) & (cov["outlet"] == "Review")]["status"].tolist() == [
        "omitted"
    ]
    om = results.omission.set_index("outlet")
    assert set(om.index) == set(OUTLETS.values())
    # claims: disappearances (P adds, Q lacks), storm (Q, R), bridge (P, R); weights: other outlets carrying
    assert om.loc["Paper <P>", "omission"] == pytest.approx(2 / 4)  # omits the storm (2 others)
    assert om.loc["Quill", "omission"] == pytest.approx(
        (1 * 0.5 + 2 * 1) / 4
    )  # lacks the clause, omits the bridge
    assert om.loc["Review", "omission"] == pytest.approx(2 / 4)
    assert (om["n_claims"] == 3).all()
    assert (om["ci_low"] <= om["omission"]).all()


def test_claim_section_shows_what_each_outlet_adds_in_words(results):
    data = build_report(results, event="e1", generated=FIXED)
    section = _section(data)
    diffs = [b for b in section.blocks if isinstance(b, ClaimDiffBlock)]
    assert len(diffs) == 1
    by_outlet = dict(diffs[0].outlets)
    adds = [r for r in by_outlet["Paper <P>"] if r.what == "adds"]
    assert len(adds) == 1
    assert "much higher" in adds[0].words
    marked = [t for t, m in adds[0].own if m]
    assert marked
    assert "much higher" in marked[0]
    assert {o for o, _ in adds[0].others} == {"Quill"}
    drops = [r for r in by_outlet["Quill"] if r.what == "drops"]
    assert drops
    assert "much higher" in drops[0].words
    # the clause Quill lacks is marked in the other outlet's sentence, not in its own
    assert not any(m for _, m in drops[0].own)
    assert any(m for _, parts in drops[0].others for _, m in parts)
    assert any(r.what == "omits the claim" for r in by_outlet["Paper <P>"])
    captions = [getattr(b, "caption", "") for b in section.blocks]
    assert any(c.startswith("Omission") for c in captions)


def test_claim_section_html_is_escaped(results):
    html = render_html(build_report(results, event="e1", generated=FIXED))
    assert "<b>the actual</b>" not in html
    assert "&lt;b&gt;the actual&lt;/b&gt;" in html
    assert '<mark class="claim-added">' in html
    assert "Paper &lt;P&gt;" in html
    assert "<P>" not in html


def test_claim_section_reads_old_coverage_tables(results):
    # a coverage table saved before carried_in_part existed still gives a section
    old = results.coverage[["event_id", "claim_id", "outlet", "status", "n_outlets"]].replace(
        {"status": {"carried_in_part": "carried"}}
    )
    tables = {**results.tables, "coverage": old, "omission": pd.DataFrame()}
    res = Results(tables, corpus=results.corpus, config=results.config, manifest=results.manifest)
    section = _section(build_report(res, event="e1", generated=FIXED))
    diffs = [b for b in section.blocks if isinstance(b, ClaimDiffBlock)]
    assert all(
        r.what in ("omits the claim", "states alone") for b in diffs for _, rows in b.outlets for r in rows
    )
    assert "Omission" not in " ".join(getattr(b, "caption", "") for b in section.blocks)


def test_a_story_of_many_outlets_gets_the_short_form():
    """A real story of 56 outlets made a 513-page PDF: rows per outlet are capped, omitted claims
    are left to the omission table, and the sentence table keeps the most widely carried claims."""
    from compare.report import _claims as rc

    n = 20
    sentences = [
        "The ceasefire took effect on Sunday morning after weeks of talks.",
        "Hostages were released in exchange for prisoners held by Israel.",
        "Aid trucks entered the territory through the southern crossing.",
        "The prime minister said the deal would hold, but critics doubted it would last.",
    ]
    corpus = Corpus(
        [
            Article(
                id=f"a{i}",
                outlet=f"Outlet {i:02d}",
                event="e1",
                text=" ".join(sentences[: 2 + i % 3]) + f" Local detail number {i} was reported only here.",
            )
            for i in range(n)
        ]
    )
    res = analyze(corpus, config=RunConfig(families=(), provenance=False), progress=False)
    limits = rc._limits(n)
    assert limits.per_outlet == max(2, rc.STORY_ROWS // n)
    assert limits.omitted == 0
    data = build_report(res, event="e1", generated=FIXED)
    block = next(b for b in _section(data).blocks if isinstance(b, ClaimDiffBlock))
    assert all(len(rows) <= limits.per_outlet for _, rows in block.outlets)
    assert not any(r.what == "omits the claim" for _, rows in block.outlets for r in rows)
    assert all(len(r.others) <= limits.others + 1 for _, rows in block.outlets for r in rows)
    assert f"{n} outlets" in block.caption
    assert rc._limits(3).per_outlet is None  # small stories keep the full form
