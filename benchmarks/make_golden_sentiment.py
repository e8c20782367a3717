"""Write golden outputs of the actors and sentiment modules to ``tests/data/golden/``.

The golden file pins what :func:`compare.actors.actor_mentions`, the sentiment family's
``"actors"`` table and :func:`compare.scores.target_sentiment` return on the founding article and
a few hand-written texts, so that speed work can be checked to change no output
(``tests/test_actors.py`` and ``tests/scores/test_sentiment.py`` compare against it). The
mentions were generated before the speed-up of ``actors.py``; the target-sentiment values were
last regenerated when the target features became one implementation on the Document's tokens,
with the portrayal features (retrained model; the mentions did not change).

Run: ``.venv/bin/python benchmarks/make_golden_sentiment.py`` (regenerate only when a change of
output is intended).
"""

from __future__ import annotations

import json
from pathlib import Path

from compare import analyze_text
from compare.actors import actor_mentions
from compare.io import read_article_file
from compare.scores import target_sentiment
from compare.scores.sentiment import FAMILY

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpora" / "istanbul-talks-2025" / "the-gaze-putin-istanbul.md"
OUT = REPO / "tests" / "data" / "golden" / "sentiment_actors.json"

TEXTS = [
    (
        "Russian President Vladimir Putin spoke on Monday. Putin’s aide, envoy Yuri Ushakov, said the "
        "talks were “useless”. The Kremlin denied it, but Ukrainian President Volodymyr Zelenskyy said "
        "Moscow was not serious. Zelensky’s office called the plan a disgrace, the Ukrainian president said."
    ),
    (
        "Critics slammed Smith for the disastrous, corrupt deal, while Jones was praised as a hero. "
        "Mr. Kim met Sen. Elizabeth Warren in Washington. Warren said Mr. Kim was late; she didn't "
        "blame him. The well-known Trump administration official, who never lies, was not happy."
    ),
    (
        "Trump Slams Democrats Over Border Wall Funding\n"
        'President Donald Trump on Tuesday accused Democrats of obstruction. "They are destroying our '
        'country," Trump told reporters at the White House. House Speaker Nancy Pelosi (D-Calif.) '
        "replied that the president was lying. Pelosi’s spokesman, Drew Hammill, said the Defense "
        "Department had not asked for the money. In Tijuana, migrants waited. Tijuana officials and "
        "the Mexican government said nothing. The U.S. and NATO agreed; Russians in Ankara did not."
    ),
    (
        "Theresa May met Angela Merkel in Berlin in May. May said the meeting was great, and Merkel "
        "agreed. The German chancellor praised the British prime minister, not the E.U. summit."
    ),
]


def _texts() -> list[str]:
    art = read_article_file(SEED, root=SEED.parents[1])
    return [art.title + "\n" + art.text, *TEXTS]


def _targets(text: str) -> list[list]:
    """Target sentiment towards every word token of each sentence (and some odd offsets)."""
    out = []
    doc = analyze_text(text)
    for s in doc.sentences[:12]:
        for t in doc.tokens[s.token_start : s.token_end]:
            if t.kind == "word":
                r = target_sentiment(text, t.start, t.end)
                out.append([t.start, t.end, r.label, r.score])
        # two-word and between-token targets
        if s.end - s.start > 12:
            for a, b in ((s.start, s.start + 12), (s.start + 3, s.start + 4)):
                r = target_sentiment(text, a, b)
                out.append([a, b, r.label, r.score])
    return out


def golden() -> list[dict]:
    cases = []
    for text in _texts():
        doc = analyze_text(text)
        res = FAMILY(doc)
        res_loc = FAMILY(analyze_text(text), options={"include_locations": True, "aliases": {"Trump": "DJT"}})
        cases.append(
            {
                "text": text,
                "mentions": [list(m) for m in actor_mentions(text)],
                "mentions_aliases": [
                    list(m) for m in actor_mentions(text, aliases={"Kremlin": "Vladimir Putin"})
                ],
                "actors_table": res.tables["actors"],
                "actors_table_locations": res_loc.tables["actors"],
                "targets": _targets(text),
            }
        )
    return cases


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
