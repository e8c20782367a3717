"""Time and memory at the input limits (issue #19): the measurements behind ``docs/limits.md``.

Each case runs in a fresh interpreter and reports CPU seconds, wall seconds and peak resident
memory (``ru_maxrss``) of that process, so one case's caches and peak never hide another's.

1. ``compare.analyze`` with default options (every family, ``jobs=1``) on ONE article of
   ``--chars`` characters (default: ``compare._limits.MAX_TEXT_CHARS``), for kinds of text chosen
   to be costly: news text (BASIL articles, repeated), random distinct words (no cache hits),
   capitalised names with quotes and reporting verbs (actors and attribution), quote marks only,
   words without any full stop (one enormous "sentence"), one word, one short line per line,
   CJK without spaces, control characters and bidi marks.
2. The readers at their limits: an article file of ``MAX_ARTICLE_FILE_BYTES``, a JSONL line of
   ``MAX_RECORD_BYTES`` (listed), the largest front-matter header, a saved HTML page of
   ``MAX_HTML_FILE_BYTES`` (deeply nested markup), a small Parquet file that decodes past
   ``MAX_TABLE_CHARS``, and ``readability_scores`` on one 5 MB word.

Run: ``python benchmarks/bench_limits.py [--chars N] [--kinds news,words,...] [--no-readers]``.
It prints Markdown tables. Wall time depends on what else runs on the machine; CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_TEXT_KINDS = r'''
import json, random, string
from pathlib import Path
random.seed(0)

def news(n):
    root = Path(DATASETS) / "basil" / "articles"
    parts, size = [], 0
    for f in sorted(root.rglob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        for para in d.get("body-paragraphs") or []:
            s = " ".join(" ".join(str(x).split()) for x in para)
            parts.append(s)
            size += len(s) + 1
        if size >= n:
            break
    if not parts:
        raise SystemExit("news text needs ../shared/datasets/basil")
    text = "\n".join(parts)
    return (text * (n // len(text) + 1))[:n]

def _word(k):
    return "".join(random.choice(string.ascii_lowercase) for _ in range(k))

def words(n):
    out, size = [], 0
    while size < n:
        w = _word(random.randint(3, 12))
        w = w.capitalize() if random.random() < 0.15 else w
        w += "." if random.random() < 0.07 else ""
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n]

def names(n):
    out, size = [], 0
    while size < n:
        a, b = _word(6).capitalize(), _word(8).capitalize()
        s = f'{a} {b} said "the {b} plan of {a} failed," according to {b} {a} News.'
        out.append(s)
        size += len(s) + 1
    return " ".join(out)[:n]

KINDS = {
    "news": news,
    "words": words,
    "names": names,
    "quotes": lambda n: ('"a ' * (n // 3 + 1))[:n],
    "nostop": lambda n: ("word " * (n // 5 + 1))[:n],
    "oneword": lambda n: "a" * n,
    "lines": lambda n: ("x.\n" * (n // 3 + 1))[:n],
    "cjk": lambda n: "".join(chr(0x4E00 + random.randrange(20000)) for _ in range(n)),
    "control": lambda n: "".join(random.choice(["a", " ", "\x1b", "\u202e", "\x00", "\ufffd", "e\u0301", "."]) for _ in range(n))[:n],
}
'''

_FOOTER = """
import resource, time
print(json.dumps({"cpu": time.process_time() - _cpu0, "wall": time.perf_counter() - _wall0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "note": NOTE}))
"""


PARQUET_BOMB = """
import sys
import pyarrow as pa
import pyarrow.parquet as pq
n = 5000
text = pa.DictionaryArray.from_arrays(pa.array([0] * n, pa.int32()), pa.array(["word " * 20_000]))
pq.write_table(pa.table({"id": [f"p{i}" for i in range(n)], "outlet": ["X"] * n, "text": text}), sys.argv[1], compression="zstd")
"""


def _run(body: str, *, setup: str = "", timeout: float = 900) -> dict:
    """Run ``setup`` (untimed), then ``body`` (timed) in a fresh interpreter; parse its report."""
    script = (
        "import json, time, warnings\nwarnings.simplefilter('ignore')\nNOTE = ''\n"
        + f"PARQUET_BOMB = {PARQUET_BOMB!r}\n"
        + f"DATASETS = {str(REPO.parent / 'shared' / 'datasets')!r}\n"
        + textwrap.dedent(setup)
        + "\n_cpu0, _wall0 = time.process_time(), time.perf_counter()\n"
        + textwrap.dedent(body)
        + _FOOTER
    )
    try:
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"cpu": float("nan"), "wall": timeout, "rss_mb": float("nan"), "note": f"killed after {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"cpu": float("nan"), "wall": float("nan"), "rss_mb": float("nan"), "note": "failed: " + proc.stderr.strip().splitlines()[-1][:120]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def analyze_cases(chars: int, kinds: list[str]) -> list[tuple[str, dict]]:
    rows = []
    for kind in kinds:
        setup = _TEXT_KINDS + f"""
import compare
text = KINDS[{kind!r}]({chars})
corpus = compare.Corpus([compare.Article(id="a", outlet="X", text=text)])
compare.analyze(compare.Corpus([compare.Article(id="w", outlet="X", text="Warm up. He said so.")]), progress=False)
"""
        body = """
results = compare.analyze(corpus, progress=False)
NOTE = f"{len(results.sentences):,} sentences, {len(results.attributions):,} attributions"
"""
        rows.append((kind, _run(body, setup=setup)))
    return rows


def reader_cases() -> list[tuple[str, dict]]:
    common = """
import os, tempfile
from pathlib import Path
from compare import _limits as L
from compare.io import read_folder
d = Path(tempfile.mkdtemp())
(d / "good.md").write_text("---\\noutlet: G\\n---\\nGood text. Two sentences.\\n", encoding="utf-8")
"""
    cases = {
        "article file with a text of MAX_TEXT_CHARS (news-like words)": """
with (d / "big.md").open("w", encoding="utf-8") as fh:
    fh.write("---\\noutlet: X\\n---\\n")
    line = "The council approved the budget on Monday, officials said. " * 20 + "\\n"
    fh.write(line * ((L.MAX_TEXT_CHARS - 100) // len(line)))
""",
        "JSONL line over MAX_RECORD_BYTES": """
with (d / "big.jsonl").open("w", encoding="utf-8") as fh:
    fh.write('{"id": "a", "outlet": "X", "text": "' + "word " * (L.MAX_RECORD_BYTES // 5 + 10) + '"}\\n')
""",
        "front matter of MAX_FRONT_MATTER_BYTES, 30 levels deep": """
(d / "fm.md").write_text("---\\nk: " + "[" * 30 + "1, " * (L.MAX_FRONT_MATTER_BYTES // 4) + "]" * 30
                         + "\\noutlet: X\\n---\\nText. More.\\n", encoding="utf-8")
""",
        "HTML page of MAX_HTML_FILE_BYTES, nested divs": """
n = (L.MAX_HTML_FILE_BYTES - 100) // 12
(d / "deep.html").write_text("<html><body>" + "<div>" * (n // 2) + "<p>x</p>" + "</div>" * (n // 2) + "</body></html>", encoding="utf-8")
""",
        "HTML page of MAX_HTML_FILE_BYTES, one paragraph repeated": """
p = "<p>The council approved the budget on Monday, officials said in a statement.</p>\\n"
(d / "same.html").write_text('<html><head><title>T</title><meta property="og:site_name" content="Site"></head><body><article>' + p * ((L.MAX_HTML_FILE_BYTES - 200) // len(p))
                             + "</article></body></html>", encoding="utf-8")
""",
        "HTML page of MAX_HTML_FILE_BYTES, distinct paragraphs": """
import random, string
random.seed(0)
def para():
    return "<p>" + " ".join("".join(random.choice(string.ascii_lowercase) for _ in range(random.randint(2, 9))) for _ in range(25)) + ".</p>"
parts, size = [], 0
while size < L.MAX_HTML_FILE_BYTES - 500:
    parts.append(para())
    size += len(parts[-1]) + 1
(d / "page.html").write_text('<html><head><meta property="og:site_name" content="Site"></head><body><article>' + "\\n".join(parts) + "</article></body></html>", encoding="utf-8")
""",
        "article file over MAX_ARTICLE_FILE_BYTES": """
with (d / "huge.md").open("wb") as fh:
    fh.write(b"---\\noutlet: X\\n---\\n")
    fh.truncate(L.MAX_ARTICLE_FILE_BYTES + 1)
""",
        "Parquet, 12 kB file decoding to 500 M characters": """
import subprocess, sys
# written by another process, so that the memory it takes to build is not counted here
subprocess.run([sys.executable, "-c", PARQUET_BOMB, str(d / "bomb.parquet")], check=True)
""",
    }
    rows = []
    for name, make in cases.items():
        body = "corpus = read_folder(d)\nNOTE = f'{len(corpus):,} read, {len(corpus.rejected):,} listed'\n"
        rows.append((name, _run(body, setup=common + make)))
    rows.append(
        (
            "readability_scores on one 5 MB word",
            _run("from compare.scores import readability_scores\nreadability_scores('a' * 5_242_880)\n"),
        )
    )
    return rows


def _fmt(x: float, digits: int = 1) -> str:
    return "—" if math.isnan(x) else f"{x:,.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO / "src"))
    from compare._limits import MAX_TEXT_CHARS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=MAX_TEXT_CHARS)
    parser.add_argument("--kinds", default="news,words,names,quotes,nostop,oneword,lines,cjk,control")
    parser.add_argument("--no-readers", action="store_true")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Machine: {os.cpu_count()} cores, load average {load:.1f} at the start; Python {sys.version.split()[0]}.\n")
    print(f"### `compare.analyze` (default options) on one article of {args.chars:,} characters\n")
    print("| text | CPU s | wall s | peak RSS MB | what came out |")
    print("|---|---:|---:|---:|---|")
    for kind, r in analyze_cases(args.chars, [k.strip() for k in args.kinds.split(",") if k.strip()]):
        print(f"| {kind} | {_fmt(r['cpu'])} | {_fmt(r['wall'])} | {_fmt(r['rss_mb'], 0)} | {r['note']} |", flush=True)
    if not args.no_readers:
        print("\n### Readers at their limits (`read_folder` on good.md + the input)\n")
        print("| input | CPU s | wall s | peak RSS MB | result |")
        print("|---|---:|---:|---:|---|")
        for name, r in reader_cases():
            print(f"| {name} | {_fmt(r['cpu'])} | {_fmt(r['wall'])} | {_fmt(r['rss_mb'], 0)} | {r['note']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
