"""Readers: formats, bad input (each case named in the Foundation issue), and dataset readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare import ReadError, read_corpus
from compare.io import read_folder

GOOD = """---
id: a1
outlet: Daily Ledger
title: Floods
published: 2024-03-04
authors: [Ann Ortiz]
event: flood
cites: [Reuters]
section: Local
---
Heavy rain flooded the town. Officials said 2,000 people left.
"""


def write(path: Path, content, *, binary: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if binary:
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_front_matter_article(tmp_path):
    write(tmp_path / "flood" / "a1.md", GOOD)
    corpus = read_corpus(tmp_path)
    (a,) = corpus
    assert (a.id, a.outlet, a.title, a.event) == ("a1", "Daily Ledger", "Floods", "flood")
    assert str(a.published) == "2024-03-04"
    assert a.authors == ("Ann Ortiz",)
    assert a.cites == ("Reuters",)
    assert a.extra == {"section": "Local"}
    assert a.text.startswith("Heavy rain")


def test_folder_per_event_and_markdown_title(tmp_path):
    write(tmp_path / "storm-2024" / "b.md", "---\noutlet: X\n---\n# A storm\n\nWind hit the coast.\n")
    (a,) = read_corpus(tmp_path)
    assert a.event == "storm-2024"
    assert a.title == "A storm"
    assert a.id == "storm-2024/b"
    assert a.text == "Wind hit the coast."


@pytest.mark.parametrize(
    ("name", "content", "binary", "reason"),
    [
        ("bad_yaml.md", "---\noutlet: [unclosed\n---\nText.\n", False, "malformed YAML front matter"),
        ("unclosed.md", "---\noutlet: X\nText without closing.\n", False, "never closed"),
        ("latin1.md", "---\noutlet: X\n---\nCaf\xe9 au lait.\n".encode("latin-1"), True, "not valid utf-8"),
        ("binary.txt", b"\x00\x01\x02\x03PNG", True, "binary file"),
        ("empty.md", "---\noutlet: X\n---\n\n   \n", False, "empty text"),
        ("no_outlet.md", "---\ntitle: T\n---\nSome text.\n", False, "missing required field 'outlet'"),
        ("list_header.md", "---\n- a\n- b\n---\nSome text.\n", False, "must be a YAML mapping"),
        ("bad_date.md", "---\noutlet: X\npublished: next Tuesday\n---\nText.\n", False, "published"),
        ("image.png", b"\x89PNG\r\n", True, "unsupported suffix"),
    ],
)
def test_bad_files_are_rejected_with_reason(tmp_path, name, content, binary, reason):
    write(tmp_path / "ok.md", GOOD)
    bad = write(tmp_path / name, content, binary=binary)
    corpus = read_folder(tmp_path)
    assert corpus.ids == ["a1"]
    (rej,) = corpus.rejected
    assert rej.source == str(bad)
    assert reason.lower() in rej.reason.lower()


def test_large_file_rejected(tmp_path):
    from compare._limits import MAX_ARTICLE_FILE_BYTES

    write(tmp_path / "ok.md", GOOD)
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("---\noutlet: X\n---\n")
        line = "word " * 200 + "\n"
        for _ in range(MAX_ARTICLE_FILE_BYTES // len(line) + 1):
            fh.write(line)
    corpus = read_folder(tmp_path)
    assert corpus.ids == ["a1"]
    (rej,) = corpus.rejected
    assert f"over the limit of {MAX_ARTICLE_FILE_BYTES:,} bytes (8 MB" in rej.reason


def test_duplicate_ids_rejected_not_lost(tmp_path):
    write(tmp_path / "x" / "one.md", GOOD)
    write(tmp_path / "y" / "two.md", GOOD)
    corpus = read_folder(tmp_path)
    assert len(corpus) == 1
    assert "duplicate id 'a1'" in corpus.rejected[0].reason
    assert corpus.rejected[0].field == "id"


def test_folder_with_nothing_readable(tmp_path):
    write(tmp_path / "notes.docx", b"PK\x03\x04", binary=True)
    write(tmp_path / "README.md", "# docs, not an article\n")
    corpus = read_folder(tmp_path)
    assert len(corpus) == 0
    assert len(corpus.rejected) == 1  # README is documentation, the .docx is listed


def test_missing_path():
    with pytest.raises(ReadError, match="no such file or folder"):
        read_corpus("/definitely/not/here")


def test_unknown_suffix_needs_format(tmp_path):
    f = write(tmp_path / "data.xyz", "x")
    with pytest.raises(ValueError, match="cannot tell the format"):
        read_corpus(f)


def test_jsonl_with_mapping_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"uid": "1", "body": "First text.", "src": "A", "score": 3}),
        "{not json",
        json.dumps({"uid": "2", "body": "", "src": "B"}),
        json.dumps({"uid": "1", "body": "Dup.", "src": "C"}),
        json.dumps([1, 2]),
    ]
    f = write(tmp_path / "d.jsonl", "\n".join(lines) + "\n")
    corpus = read_corpus(f, columns={"id": "uid", "text": "body", "outlet": "src"})
    assert corpus.ids == ["1"]
    assert corpus["1"].extra == {"score": 3}
    reasons = [(r.source.rsplit(":", 1)[1], r.reason) for r in corpus.rejected]
    assert [n for n, _ in reasons] == ["2", "5", "3", "4"]
    assert "invalid JSON" in reasons[0][1]
    assert "empty" in reasons[2][1]
    assert "duplicate id" in reasons[3][1]


def test_csv_with_mapping(tmp_path):
    f = write(tmp_path / "d.csv", "uid,headline,body,paper,date\n1,T1,Text one.,A,2024-01-02\n2,T2,,B,\n")
    corpus = read_corpus(f, columns={"id": "uid", "title": "headline", "text": "body", "outlet": "paper", "published": "date"})
    assert corpus.ids == ["1"]
    assert corpus.rejected[0].source.endswith(":3")


def test_html_page(tmp_path):
    page = """<html><head><title>Storm hits coast | Coastal Times</title>
    <meta property="og:site_name" content="Coastal Times">
    <meta name="author" content="Jo Reed"><meta property="article:published_time" content="2024-02-01">
    </head><body><nav>Home | News | <script>alert(1)</script></nav>
    <article><h1>Storm hits coast</h1>
    <p>A powerful storm hit the coast on Thursday, cutting power to 40,000 homes, officials said.</p>
    <p>Emergency crews worked through the night to restore electricity to the worst-hit towns.</p>
    <p>"We expect most customers to have power by Saturday," a utility spokesperson told reporters.</p>
    </article><footer>Copyright</footer></body></html>"""
    f = write(tmp_path / "storm.html", page)
    (a,) = read_corpus(f)
    assert a.outlet == "Coastal Times"
    assert "40,000 homes" in a.text
    assert "alert(1)" not in a.text
    assert a.authors == ("Jo Reed",)


def test_bundled_corpora():
    from compare import bundled_corpus

    corpus = bundled_corpus()
    assert not corpus.rejected
    gaze = corpus["the-gaze-putin-istanbul"]
    assert gaze.outlet == "The Gaze"
    assert gaze.published is None  # unknown, not invented
    assert gaze.cites == ("The Wall Street Journal",)
    assert gaze.title.startswith("Putin Refuses to Meet Zelenskyy")
    assert len([a for a in corpus if a.event and a.event.startswith("allsides-")]) == 90


@pytest.mark.datasets
@pytest.mark.parametrize(
    ("folder", "articles", "outlets", "events"),
    [("basil", 300, 3, 100), ("newswcl50", 50, 5, 10), ("allsides_neus", 1479, 145, 505), ("polnear", 924, 7, 0)],
)
def test_dataset_readers(datasets_dir, folder, articles, outlets, events):
    corpus = read_corpus(datasets_dir / folder)
    assert (len(corpus), len(corpus.outlets), len(corpus.events)) == (articles, outlets, events)
    assert not corpus.rejected


@pytest.mark.datasets
def test_basil_sentence_offsets(datasets_dir):
    corpus = read_corpus(datasets_dir / "basil")
    art = corpus[0]
    raw = json.loads(next((datasets_dir / "basil" / "articles").rglob(f"{art.id}.json")).read_text(encoding="utf-8"))
    first = raw["body-paragraphs"][0][0]
    s, e = art.extra["sentence_offsets"][0]
    assert art.text[s:e] == " ".join(first.split())
