"""Hostile inputs (issue #19): every one gets a listed rejection or one clear error, never a crash,
a hang or a silent loss, and the good article beside it is always kept.

All inputs are generated here, at test time. Each folder case plants ``good.md`` beside the hostile
input and checks: the good article is read; inputs in = articles + rejections; every rejection
names its file (and line or row) and gives the expected reason; the read took under a few seconds
and little memory (tracemalloc peak). The cases that could blow up memory or hang if a limit broke
run in a subprocess with a time-out, an address-space limit and a peak-RSS check.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from compare import Article, Corpus, FieldError, InvalidInputError, ReadError, read_corpus
from compare._limits import (
    LONGEST_WORD,
    MAX_ARTICLE_FILE_BYTES,
    MAX_COLUMNS,
    MAX_FRONT_MATTER_BYTES,
    MAX_NESTING,
    MAX_RECORD_BYTES,
    MAX_REJECTED_PER_FILE,
    MAX_TEXT_CHARS,
)
from compare.io import read_folder

GOOD = "---\noutlet: Good Paper\ntitle: Fine\n---\nThe council met on Monday. It approved the budget.\n"
SECONDS = 5.0  # CPU seconds per folder case (CPU, not wall time: the suite may share the machine)
PEAK_MB = 150  # tracemalloc peak per folder case


@pytest.fixture(autouse=True)
def _watchdog():
    """A hang fails the test (SIGALRM after 120 s) instead of stalling the suite."""

    def boom(signum, frame):  # noqa: ARG001
        msg = "hostile case did not finish in 120 s"
        raise TimeoutError(msg)

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# --------------------------------------------------------------------------------------------
# folder cases
# --------------------------------------------------------------------------------------------
@dataclass
class Case:
    """A hostile input planted beside good.md.

    ``make(folder)`` writes it and returns how many inputs (articles or records) it holds;
    ``articles`` of them are good, the rest must be listed; ``reason`` (and ``field``) must be in
    every listed rejection of the hostile input.
    """

    make: Callable[[Path], int]
    articles: int = 0
    reason: str = ""
    field: str | None = None
    checks: list[Callable[[Corpus], None]] = dataclasses.field(default_factory=list)


def _write(path: Path, content: str | bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return 1


def md(name: str, header: str, body: str = "Some text for the article. It has two sentences.") -> Callable[[Path], int]:
    return lambda d: _write(d / name, f"---\n{header}\n---\n{body}\n")


def raw(name: str, content: str | bytes) -> Callable[[Path], int]:
    return lambda d: _write(d / name, content)


def table(name: str, content: str, records: int) -> Callable[[Path], int]:
    """A CSV / JSONL file written as given, holding ``records`` records."""

    def make(d: Path) -> int:
        _write(d / name, content)
        return records

    return make


def jsonl(name: str, lines: list[str]) -> Callable[[Path], int]:
    def make(d: Path) -> int:
        _write(d / name, "\n".join(lines) + "\n")
        return sum(1 for ln in lines if ln.strip())

    return make


def rec(**fields) -> str:
    base = {"id": "r1", "outlet": "Wire", "text": "A record. It has text."}
    base.update(fields)
    return json.dumps(base)


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return "outlet: X\n" + "\n".join(lines)


def _nested(n: int) -> str:
    return "[" * n + "]" * n


def _parquet(name: str, frame_fn: Callable[[], object]) -> Callable[[Path], int]:
    def make(d: Path) -> int:
        df = frame_fn()
        df.to_parquet(d / name, index=False)
        return len(df)

    return make


def _pd():
    import pandas as pd

    return pd


def _symlink(name: str, target: str | Callable[[Path], str]) -> Callable[[Path], int]:
    def make(d: Path) -> int:
        (d / name).symlink_to(target(d) if callable(target) else target)
        return 1

    return make


def _fifo(d: Path) -> int:
    os.mkfifo(d / "pipe.md")
    return 1


def _socket(d: Path) -> int:
    s = socket.socket(socket.AF_UNIX)
    path = d / "sock.md"
    if len(str(path)) > 100:
        pytest.skip("socket path too long for AF_UNIX")
    s.bind(str(path))
    s.close()
    return 1


def _garbage_jsonl(d: Path) -> int:
    _write(d / "notjson.jsonl", "this is not json\n" * (MAX_REJECTED_PER_FILE + 500))
    return MAX_REJECTED_PER_FILE + 500


def _long_line(d: Path) -> int:
    with (d / "long.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(rec(id="ok1") + "\n")
        fh.write('{"id": "big", "outlet": "X", "text": "')
        chunk = "word " * 20_000
        for _ in range(MAX_RECORD_BYTES // len(chunk) + 2):
            fh.write(chunk)
        fh.write('"}\n')
        fh.write(rec(id="ok2") + "\n")
    return 3


def _long_text_record(d: Path) -> int:
    _write(d / "text.jsonl", rec(id="huge", text="word " * (MAX_TEXT_CHARS // 5 + 1)) + "\n" + rec(id="fine") + "\n")
    return 2


def _utf_bom(encoding: str, bom: bool) -> Callable[[Path], int]:
    def make(d: Path) -> int:
        data = "---\noutlet: Wide Paper\n---\nText in a wide encoding. It is read.\n".encode(encoding)
        if bom:
            import codecs

            data = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
                    "utf-8": codecs.BOM_UTF8}[encoding] + data
        return _write(d / f"wide-{encoding}-{bom}.md", data)

    return make


def _csv_rows_spanning_lines(d: Path) -> int:
    _write(
        d / "multi.csv",
        'id,outlet,text\n1,X,"first line\nsecond line\nthird line"\n2,X,"ok"\n3,X,too,many\n4,X,"also ok"\n',
    )
    return 4


def _check_csv_lines(corpus: Corpus) -> None:
    (rej,) = [r for r in corpus.rejected if "multi.csv" in r.source]
    assert rej.source.endswith("multi.csv:6"), rej.source  # the row is on line 6, after a 3-line row


def _many_files(d: Path) -> int:
    for i in range(1500):
        _write(d / "many" / f"a{i:04d}.md", f"---\noutlet: Wire\n---\nStory number {i}. It is short.\n")
    return 1500


def _deep_folders(d: Path) -> int:
    p = d
    for _ in range(150):
        p = p / "d"
    return _write(p / "deep.md", "---\noutlet: Deep\n---\nFound at the bottom. It counts.\n")


def _bad_name(d: Path) -> int:
    name = os.fsencode(str(d)) + b"/caf\xe9-\x1b[31m.md"
    with open(name, "wb") as fh:
        fh.write(b"---\noutlet: Bytes Daily\n---\nA file whose name is not UTF-8. It is read.\n")
    return 1


def _check_bad_name(corpus: Corpus) -> None:
    ids = [i for i in corpus.ids if i.startswith("caf")]
    assert ids == ["caf\\xe9-\x1b[31m"], ids
    ids[0].encode("utf-8")  # no surrogate escapes left


def _surrogates(d: Path) -> int:
    _write(d / "s.jsonl", rec(id="sur", outlet="Bad \ud800 Outlet", text="Text \udfff here. More text.") + "\n")
    return 1


def _check_surrogates(corpus: Corpus) -> None:
    art = corpus["sur"]
    assert art.outlet == "Bad \ufffd Outlet"
    assert art.text.startswith("Text \ufffd here")
    json.dumps(art.to_dict(), ensure_ascii=False).encode("utf-8")


def _dup_ids_in_folder(d: Path) -> int:
    _write(d / "x" / "one.md", "---\nid: same\noutlet: A\n---\nOne text. It is here.\n")
    _write(d / "y" / "two.md", "---\nid: same\noutlet: B\n---\nTwo text. It is here.\n")
    return 2


def _parquet_bomb(d: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 5000
    text = pa.DictionaryArray.from_arrays(pa.array([0] * n, pa.int32()), pa.array(["word " * 20_000]))
    table = pa.table({"id": [f"p{i}" for i in range(n)], "outlet": ["X"] * n, "text": text})
    pq.write_table(table, d / "bomb.parquet", compression="zstd")
    assert (d / "bomb.parquet").stat().st_size < 1_000_000
    return n


def _check_parquet_bomb(corpus: Corpus) -> None:
    rows = [r for r in corpus.rejected if "bomb.parquet" in r.source]
    assert len(rows) == 1
    assert "were not read" in rows[0].reason


def _garbage_check(corpus: Corpus) -> None:
    rej = [r for r in corpus.rejected if "notjson" in r.source]
    assert len(rej) == MAX_REJECTED_PER_FILE + 1
    assert "was not read" in rej[-1].reason


CASES: dict[str, Case] = {
    # -- the issue's list ------------------------------------------------------------------------
    "date-13-45": Case(md("date.md", "outlet: X\npublished: 2025-13-45"), reason="ISO 8601", field="published"),
    "extra-int": Case(md("e1.md", "outlet: X\nextra: 5"), reason="must be a mapping", field="extra"),
    "extra-str": Case(md("e2.md", "outlet: X\nextra: hello"), reason="must be a mapping", field="extra"),
    "yaml-5000-deep": Case(md("deep.md", "outlet: X\nk: " + _nested(5000)), reason="nested more than", field="front matter"),
    "jsonl-5000-digits": Case(jsonl("n.jsonl", ['{"id": "n", "outlet": "X", "text": "t", "n": ' + "1" * 5000 + "}"]),
                              reason="4,300 digits"),
    "jsonl-extra-str-list": Case(jsonl("x.jsonl", [rec(id="x1", extra="abc"), rec(id="x2", extra=[1, 2, 3])]),
                                 reason="must be a mapping", field="extra"),
    "jsonl-100k-deep": Case(jsonl("d.jsonl", ['{"id": "d", "outlet": "X", "text": "t", "k": ' + _nested(100_000) + "}"]),
                            reason="nested too deeply"),
    "surrogates": Case(_surrogates, articles=1, checks=[_check_surrogates]),
    "name-not-utf8": Case(_bad_name, articles=1, checks=[_check_bad_name]),
    "billion-laughs": Case(md("lol.md", _billion_laughs()), reason="aliases", field="front matter"),
    "jsonl-line-over-limit": Case(_long_line, articles=2, reason="longer than the limit"),
    "jsonl-text-over-limit": Case(_long_text_record, articles=1, reason=f"over the limit of {MAX_TEXT_CHARS:,}", field="text"),
    "names-like-docs": Case(
        lambda d: sum(_write(d / n, GOOD.replace("Good Paper", n)) for n in (
            "notice-to-quit.md", "licensed-to-kill.md", "citations-rise.md", "readme-of-the-week.md", "changelog-politics.txt")),
        articles=5,
    ),
    "symlink-loop": Case(lambda d: _symlink("loop.md", "loop.md")(d), reason="symbolic link loop"),
    "dangling-link": Case(_symlink("gone.md", "/nonexistent/target.md"), reason="broken symbolic link"),
    "fifo": Case(_fifo, reason="FIFO"),
    "link-to-device": Case(_symlink("zero.md", "/dev/zero"), reason="a device"),
    "link-to-folder": Case(_symlink("elsewhere", lambda d: str(d.parent)), reason="link to a folder"),
    "socket": Case(_socket, reason="a socket"),
    "csv-without-columns": Case(raw("nocols.csv", "foo,bar\n1,2\n"), reason="needs the columns"),
    "parquet-without-columns": Case(_parquet("nocols.parquet", lambda: _pd().DataFrame({"foo": [1]})), reason="needs the columns"),
    "csv-ragged-row": Case(table("rag.csv", "id,outlet,text\n1,X,hello\n2,X,hi,extra\n3,X,ok\n", 3), articles=2, reason="fields"),
    "utf16-bom": Case(_utf_bom("utf-16-le", True), articles=1),
    "utf16-be-bom": Case(_utf_bom("utf-16-be", True), articles=1),
    "utf16-no-bom": Case(_utf_bom("utf-16-le", False), articles=1),
    "utf32-bom": Case(_utf_bom("utf-32-le", True), articles=1),
    "utf8-bom": Case(_utf_bom("utf-8", True), articles=1),
    "late-nul": Case(raw("nul.md", "---\noutlet: X\n---\n" + "word " * 5000 + "\x00 end.\n"), reason="NUL"),
    "csv-lines-after-embedded-newlines": Case(_csv_rows_spanning_lines, articles=3, reason="fields", checks=[_check_csv_lines]),
    "authors-mapping": Case(md("au.md", 'outlet: X\nauthors: {"x": 1}'), reason="list of strings", field="authors"),
    "event-bool": Case(md("ev.md", "outlet: X\nevent: true"), reason="must be a string", field="event"),
    "yaml-duplicate-key": Case(md("dup.md", "outlet: X\noutlet: Y"), reason="duplicate key 'outlet'", field="front matter"),
    # -- more: an attacker ----------------------------------------------------------------------
    "yaml-merge-alias": Case(md("merge.md", "base: &b {outlet: X}\n<<: *b"), reason="aliases"),
    "yaml-python-tag": Case(md("py.md", "outlet: !!python/object/apply:os.system ['echo hi']"), reason="malformed YAML"),
    "yaml-binary": Case(md("bin.md", "outlet: X\nblob: !!binary aGVsbG8="), reason="bytes", field="extra"),
    "yaml-timestamp-tag": Case(md("ts.md", "outlet: X\npublished: !!timestamp 2025-13-45"), reason="malformed YAML"),
    "yaml-complex-key": Case(md("ck.md", "outlet: X\n? [a, b]\n: c"), reason="malformed YAML"),
    "yaml-header-over-limit": Case(md("big.md", "outlet: X\nnote: " + "x" * MAX_FRONT_MATTER_BYTES), reason="front matter is"),
    "yaml-deep-extra": Case(md("de.md", "outlet: X\nk: " + _nested(MAX_NESTING + 5)), reason="nested more than"),
    "yaml-nan": Case(md("nan.md", "outlet: X\nscore: .nan"), reason="JSON cannot represent", field="extra"),
    "json-duplicate-keys": Case(jsonl("dk.jsonl", ['{"id": "a", "outlet": "X", "outlet": "Y", "text": "t"}']), reason="duplicate key"),
    "json-not-object": Case(jsonl("no.jsonl", ["[1, 2]", '"text"', "42", "null"]), reason="expected a JSON object"),
    "json-infinity": Case(jsonl("inf.jsonl", [rec(id="i", x=1e400).replace("Infinity", "1e400")]), reason="JSON cannot represent",
                          field="extra"),
    "json-nan-literal": Case(jsonl("nan.jsonl", ['{"id": "n", "outlet": "X", "text": "t", "v": NaN}']), reason="JSON cannot represent"),
    "json-deep-extra": Case(jsonl("de.jsonl", [rec(id="d", extra={"k": json.loads(_nested(MAX_NESTING + 3))})]), reason="nested more than",
                            field="extra"),
    "json-many-keys": Case(jsonl("mk.jsonl", [rec(id="m", extra={f"k{i}": i for i in range(100_001)})]), reason="values",
                           field="extra"),
    "json-huge-title": Case(jsonl("ht.jsonl", [rec(id="h", title="T" * 200_000)]), reason="over the limit", field="title"),
    "json-many-authors": Case(jsonl("ma.jsonl", [rec(id="a", authors=["A"] * (MAX_COLUMNS + 1))]), reason="items", field="authors"),
    "json-binary-line": Case(jsonl("bl.jsonl", [rec(id="b1"), '{"id": "b2", "text": "x\x00y"}']), articles=1, reason="NUL"),
    "json-garbage-file": Case(_garbage_jsonl, reason="", checks=[_garbage_check]),
    "csv-header-too-wide": Case(raw("wide.csv", ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)) + "\n"), reason="columns"),
    "csv-duplicate-text-column": Case(raw("dt.csv", "id,outlet,text,text\n1,X,a,b\n"), reason="more than one column"),
    "csv-unclosed-quote": Case(table("uq.csv", 'id,outlet,text\n0,X,fine\n1,X,"never closed\n2,X,lost in the quote\n', 2), articles=1,
                               reason="malformed CSV row"),
    "csv-stray-quote": Case(table("sq.csv", 'id,outlet,text\n1,X,"abc"def\n2,X,fine\n', 2), articles=1, reason="malformed CSV row"),
    "csv-nul-in-row": Case(table("nul.csv", "id,outlet,text\n1,X,a\x00b\n2,X,fine\n", 2), articles=1, reason="NUL"),
    "csv-bad-extra-json": Case(table("bx.csv", 'id,outlet,text,extra\n1,X,t,"{not json"\n', 1), reason="must be a mapping", field="extra"),
    "csv-semicolons": Case(raw("semi.csv", "id;outlet;text\n1;X;t\n"), reason="needs the columns"),
    "parquet-garbage": Case(raw("junk.parquet", b"PAR1" + os.urandom(200) + b"PAR1"), reason="cannot parse the Parquet file"),
    "parquet-bomb": Case(_parquet_bomb, articles=-1, checks=[_check_parquet_bomb]),
    "parquet-naive-timestamps": Case(
        _parquet("naive.parquet", lambda: _pd().DataFrame({"id": ["a"], "outlet": ["X"], "text": ["t"],
                                                            "published": _pd().to_datetime(["2025-05-13 09:30"])})),
        reason="timezone-aware", field="published"),
    "html-deep-nesting": Case(raw("deep.html", "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>"),
                              reason="text"),
    "html-script-only": Case(raw("script.html", "<html><head><script>alert(1)</script></head><body></body></html>"), reason="no main text"),
    "html-binary": Case(raw("bin.html", os.urandom(5000)), reason="", field=None),
    "markdown-empty-file": Case(raw("empty.md", ""), reason="empty text"),
    "markdown-only-header": Case(raw("hdr.md", "---\noutlet: X\n---\n"), reason="empty text"),
    "markdown-unclosed-header": Case(raw("open.md", "---\noutlet: X\nno closing line\n"), reason="never closed"),
    "markdown-crlf-bom": Case(raw("crlf.md", "\ufeff---\r\noutlet: CRLF Times\r\n---\r\nWindows text.\r\nSecond line.\r\n"), articles=1),
    "markdown-latin1": Case(raw("l1.md", "---\noutlet: X\n---\nCaf\xe9.\n".encode("latin-1")), reason="not valid utf-8"),
    "markdown-id-list": Case(md("idl.md", "outlet: X\nid: [1, 2]"), reason="non-empty string", field="id"),
    "markdown-yaml-timestamp-with-zone": Case(md("tz.md", "outlet: X\npublished: 2025-05-13 09:30:00+02:00"), articles=1),
    "control-chars-in-outlet": Case(md("esc.md", 'outlet: "Red \\e[31m\\a Paper \\u202e"'), articles=1),
    "duplicate-ids-in-folder": Case(_dup_ids_in_folder, articles=1, reason="duplicate id", field="id"),
    # -- more: a careless scraper ---------------------------------------------------------------
    "many-small-files": Case(_many_files, articles=1500),
    "150-folders-deep": Case(_deep_folders, articles=1),
    "image-with-md-suffix": Case(raw("photo.md", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), reason="binary"),
    "unsupported-suffix": Case(raw("notes.docx", b"PK\x03\x04"), reason="unsupported suffix"),
    "missing-text-field": Case(jsonl("mt.jsonl", ['{"id": "m", "outlet": "X"}']), reason="missing the required", field="text"),
    "naive-datetime-string": Case(jsonl("nd.jsonl", [rec(id="nd", published="2025-05-13T09:30:00")]), reason="timezone-aware",
                                  field="published"),
    "jsonl-crlf-bom": Case(table("crlf.jsonl", "\ufeff" + rec(id="c1") + "\r\n" + rec(id="c2") + "\r\n", 2), articles=2),
    "jsonl-source-key-kept": Case(jsonl("sk.jsonl", [rec(id="sk", _source="mine")]), articles=1,
                                  checks=[lambda c: c["sk"].extra.__getitem__("_source") == "mine" or pytest.fail("lost _source")]),
}


def _count_in(case: Case, folder: Path) -> int:
    return case.make(folder)


@pytest.mark.parametrize("name", sorted(CASES))
def test_folder_case(tmp_path, name):
    case = CASES[name]
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder / "good.md", GOOD)
    planted = _count_in(case, folder)
    tracemalloc.start()
    t0 = time.process_time()
    try:
        corpus = read_folder(folder)
    finally:
        elapsed = time.process_time() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert "good" in corpus.ids, corpus.rejected[:3]
    assert elapsed < SECONDS, f"{name} took {elapsed:.1f} s of CPU"
    assert peak < PEAK_MB * 1e6 * (4 if name == "parquet-bomb" else 1), f"{name} peaked at {peak / 1e6:.0f} MB"
    hostile = list(corpus.rejected)
    if case.articles >= 0 and name != "json-garbage-file":
        assert len(corpus) - 1 == case.articles, (corpus.ids, [str(r) for r in hostile])
        assert len(corpus) + len(corpus.rejected) == planted + 1, [str(r) for r in hostile]
    for rej in hostile:
        assert rej.source.startswith(str(folder)), rej.source
        assert case.reason.lower() in rej.reason.lower(), str(rej)
        if case.field is not None:
            assert rej.field == case.field, str(rej)
    for check in case.checks:
        check(corpus)


def test_every_case_of_the_issue_is_covered():
    issue = {"date-13-45", "extra-int", "extra-str", "yaml-5000-deep", "jsonl-5000-digits", "jsonl-extra-str-list",
             "jsonl-100k-deep", "surrogates", "name-not-utf8", "billion-laughs", "jsonl-line-over-limit", "names-like-docs",
             "symlink-loop", "dangling-link", "fifo", "link-to-device", "csv-without-columns", "parquet-without-columns",
             "csv-ragged-row", "utf16-bom", "utf16-no-bom", "late-nul", "csv-lines-after-embedded-newlines",
             "authors-mapping", "event-bool", "yaml-duplicate-key"}
    assert issue <= set(CASES)
    assert len(CASES) - len(issue) >= 40  # and more of our own


# --------------------------------------------------------------------------------------------
# files, records and paths given directly
# --------------------------------------------------------------------------------------------
def test_fifo_given_directly_is_an_error_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    with pytest.raises(ReadError, match="FIFO"):
        read_corpus(tmp_path / "pipe.jsonl")


def test_device_given_directly():
    with pytest.raises(ReadError, match="device"):
        read_corpus("/dev/zero", format="article")


@pytest.mark.parametrize("encoding", ["bogus-8", "rot13", "base64"])
def test_bad_encoding_is_one_error_for_the_run(tmp_path, encoding):
    for i in range(3):
        _write(tmp_path / f"a{i}.md", GOOD)
    with pytest.raises(InvalidInputError, match="'encoding' parameter of read_corpus") as info:
        read_corpus(tmp_path, encoding=encoding)
    assert "\n" not in str(info.value)


def test_same_id_in_two_paths_is_listed_not_fatal(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _write(a / "x.md", "---\nid: same\noutlet: A\n---\nFrom A. Text.\n")
    _write(a / "y.md", "---\nid: only-a\noutlet: A\n---\nOnly A. Text.\n")
    _write(b / "x.md", "---\nid: same\noutlet: B\n---\nFrom B. Text.\n")
    corpus = read_corpus([a, b])
    assert sorted(corpus.ids) == ["only-a", "same"]
    assert corpus["same"].outlet == "A"
    (rej,) = corpus.rejected
    assert rej.field == "id"
    assert "duplicate id 'same'" in rej.reason
    assert str(b) in rej.source


def test_article_replaces_lone_surrogates_everywhere():
    art = Article(id="a\ud800", outlet="O\udc80", text="T\udfff.", title="\ud83d", authors=["A\ud800"],
                  extra={"k\ud800": ["v\udc00", {"x": "\ud801"}]})
    assert art.id == "a\ufffd"
    assert art.outlet == "O\ufffd"
    assert art.text == "T\ufffd."
    assert art.authors == ("A\ufffd",)
    assert art.extra == {"k\ufffd": ["v\ufffd", {"x": "\ufffd"}]}
    json.dumps(art.to_dict(), ensure_ascii=False).encode("utf-8")


def test_article_text_over_the_limit_is_a_field_error():
    with pytest.raises(FieldError, match="over the limit") as info:
        Article(id="a", outlet="X", text="x" * (MAX_TEXT_CHARS + 1))
    assert (info.value.field, info.value.record) == ("text", "a")
    Article(id="a", outlet="X", text="x" * MAX_TEXT_CHARS)  # the limit itself is allowed


def test_file_limit_and_message_agree(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.write(b"---\noutlet: X\n---\n")
        fh.truncate(MAX_ARTICLE_FILE_BYTES + 1)
    corpus = read_folder(tmp_path)
    (rej,) = corpus.rejected
    assert f"{MAX_ARTICLE_FILE_BYTES + 1:,} bytes" in rej.reason
    assert f"over the limit of {MAX_ARTICLE_FILE_BYTES:,} bytes (8 MB" in rej.reason


def test_structured_errors_name_field_and_record():
    from compare.model import corpus_from_records

    corpus = corpus_from_records(
        [{"id": "ok", "outlet": "X", "text": "t"}, {"id": "bad", "outlet": "X", "text": "t", "published": "2025-02-30"}],
        name="n", source="mem", on_error="reject",
    )
    (rej,) = corpus.rejected
    assert (rej.source, rej.field) == ("mem:2", "published")
    with pytest.raises(FieldError) as info:
        Article.from_dict({"id": "r", "outlet": "X", "text": "t", "extra": "abc"})
    assert (info.value.field, info.value.record) == ("extra", "r")


# --------------------------------------------------------------------------------------------
# subprocess cases: time, and peak memory of the whole process
# --------------------------------------------------------------------------------------------
def run_bounded(code: str, *, seconds: float, peak_mb: float) -> str:
    """Run ``code`` in a fresh interpreter under a 4 GB address-space cap; check its wall time and
    its peak RSS (which it prints last); return its other output."""
    script = textwrap.dedent(code) + textwrap.dedent(
        """
        import resource
        print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=seconds * 4, preexec_fn=cap, check=False
    )
    elapsed = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr[-2000:]
    out, _, peak = proc.stdout.rpartition("PEAK ")
    peak_mb_seen = int(peak) / 1024
    assert peak_mb_seen < peak_mb, f"peak RSS {peak_mb_seen:.0f} MB"
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    return out


@pytest.mark.slow
def test_readability_on_one_enormous_word():
    out = run_bounded(
        """
        import math, time
        from compare.scores import readability_scores
        t = time.process_time()
        r = readability_scores("a" * 5_242_880)
        print(all(isinstance(v, float) for v in r.values()), time.process_time() - t)
        """,
        seconds=60,
        peak_mb=1500,
    )
    ok, cpu = out.split()
    assert ok == "True"
    assert float(cpu) < 20


def test_long_words_are_counted_by_vowel_groups():
    from compare.scores.readability._textstat import _syllables_of_lowered

    word = "ba" * (LONGEST_WORD // 2) + "x"
    assert _syllables_of_lowered(word) == LONGEST_WORD // 2
    assert _syllables_of_lowered("b" * (LONGEST_WORD + 1)) == 1


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["quotes", "nopunct"])
def test_analyze_on_a_sentence_without_end(kind):
    """Attribution compared every cue candidate of a sentence with every other: 40 kB of quote
    marks took 7.6 GB. Now the cost is linear."""
    text = {"quotes": '"a ' * 40_000, "nopunct": "word " * 25_000}[kind]
    run_bounded(
        f"""
        import warnings
        warnings.simplefilter("ignore")
        import compare
        c = compare.Corpus([compare.Article(id="a", outlet="X", text={text!r})])
        r = compare.analyze(c, jobs=1, progress=False)
        print(len(r.articles))
        """,
        seconds=90,
        peak_mb=1200,
    )


def test_attribution_stage2_windows_match_the_full_comparison():
    """Below the window every candidate sees its whole sentence: the blocked, windowed code
    gives the same features as comparing all pairs."""
    import numpy as np

    from compare.scores.attribution import _features as F

    rng = np.random.default_rng(0)
    n = 300
    lo = np.sort(rng.integers(0, 40, n))
    prep = type("P", (), {})()
    prep.lo = lo
    prep.inq = rng.random(n) < 0.3
    prep.verb = rng.random(n) < 0.2
    prep.invocab = rng.random(n) < 0.5
    idx = np.arange(n)
    z = rng.normal(size=n)
    got = F.stage2_features(prep, idx, z)
    # reference: each candidate against all candidates of its sentence
    pr = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
    for k in range(n):
        same = np.flatnonzero(lo == lo[k])
        dist = np.abs(same - k)
        far = same[dist > 3]
        top = pr[far].max() if len(far) else 0.0
        assert got[k, 7] == (top >= 0.3)
        assert got[k, 14] == (np.sum(pr[same] > pr[k]) == 0)


# --------------------------------------------------------------------------------------------
# the command line and the report
# --------------------------------------------------------------------------------------------
def _hostile_corpus(folder: Path) -> None:
    lines = [
        {"id": "m1", "outlet": "Money $\\frac{1}{$ News", "text": 'Minister Ann Ortiz said "prices rose $5 and $6" on Monday. '
         "Critics blamed the $\\alpha$ council, according to Reuters."},
        {"id": "m2", "outlet": "Red \u001b[31m\u0007 Wire\u202e", "text": "The council met. Ann Ortiz said the budget\u0000 passed. "
         "\u001b]0;pwned\u0007 Officials agreed."},
        {"id": "m3", "outlet": "Bad \ud800 Post", "text": "Ann Ortiz spoke \udfff on Monday. She said the talks failed."},
    ]
    _write(folder / "hostile.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")


def test_cli_ingest_prints_no_control_characters(tmp_path):
    folder = tmp_path / "in"
    _hostile_corpus(folder)
    _bad_name(folder)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "compare", "ingest", str(folder), "--out", str(out)],
                          capture_output=True, text=True, env=env, check=False, timeout=120, errors="strict")
    assert proc.returncode == 0, proc.stderr
    for ch in ("\x1b", "\x07", "\u202e", "\x00"):
        assert ch not in proc.stdout
    assert "4 articles" in proc.stdout
    assert "Money $\\frac{1}{$ News" in proc.stdout
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_cli_bogus_encoding_is_one_error(tmp_path, capsys):
    from compare.cli import main

    for i in range(3):
        _write(tmp_path / f"a{i}.md", GOOD)
    assert main(["ingest", str(tmp_path), "--encoding", "no-such-codec"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "unknown encoding" in err


def test_cli_error_message_with_escape_in_path(tmp_path, capsys):
    from compare.cli import main

    assert main(["ingest", str(tmp_path / "no\x1b[2Jsuch")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "no such file or folder" in err


@pytest.mark.slow
def test_report_survives_hostile_names(tmp_path):
    """Outlet names with '$' reach no mathtext parser; control characters reach no page; every
    figure is drawn (a figure that failed would warn, and warnings are errors here)."""
    pytest.importorskip("matplotlib")
    from compare import analyze
    from compare.report import write_reports

    folder = tmp_path / "in"
    _hostile_corpus(folder)
    corpus = read_corpus(folder)
    assert len(corpus) == 3
    results = analyze(corpus, jobs=1, progress=False)
    results.save(tmp_path / "saved")
    paths = write_reports(results, tmp_path / "reports", formats=("html",), progress=False, jobs=1)
    assert paths
    for p in paths:
        html = Path(p).read_text(encoding="utf-8")
        for ch in ("\x1b", "\x07", "\u202e", "\x00", "\ud800"):
            assert ch not in html, (p, repr(ch))
        assert "<svg" in html
    overview = "\n".join(Path(p).read_text(encoding="utf-8") for p in paths)
    assert "Money $\\frac{1}{$ News" in overview


def test_mathtext_never_parses_names():
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    from compare.plotting import to_svg
    from compare.plotting._base import short_label

    fig = Figure()
    ax = fig.subplots()
    ax.set_yticks([0, 1])
    ax.set_yticklabels([short_label("Money $\\frac{1}{$ News"), short_label("$5 and $6")])
    svg = to_svg(fig)
    assert "Money $\\frac{1}{$ News" in svg
    assert "$5 and $6" in svg


def test_dataset_readers_list_malformed_records(tmp_path):
    """A damaged copy of a research dataset: bad lines are listed, the good ones read."""
    news = tmp_path / "newswcl50"
    good = {"doc_id": "0_L", "outlet": "L", "event_id": 0, "text_tokenized": "A text . It is fine ."}
    _write(news / "newswcl50_docs.derived.jsonl", "\n".join([json.dumps(good), "{broken", "[1]", _nested(5000)]) + "\n")
    corpus = read_corpus(news)
    assert corpus.ids == ["0_L"]
    assert [r.source.rsplit(":", 1)[1] for r in corpus.rejected] == ["2", "3", "4"]

    sides = tmp_path / "allsides"
    story = {"id": 7, "news": {"left": {"newsSource": "L", "newBody": ["Body text. More."]}, "right": "not an object"}}
    _write(sides / "headline_x_crawled_all.jsonl", "\n".join([json.dumps(story), '"a string"', '{"news": [1]}']) + "\n")
    corpus = read_corpus(sides)
    assert corpus.ids == ["allsides-7-left"]
    assert len(corpus.rejected) == 3

    basil = tmp_path / "basil"
    _write(basil / "annotations" / "x.json", "{}")
    _write(basil / "articles" / "2016" / "a_1.json", json.dumps({"source": "nyt", "body-paragraphs": [["One. Two."]]}))
    _write(basil / "articles" / "2016" / "a_2.json", "[1, 2]")
    _write(basil / "articles" / "2016" / "a_3.json", b"\xff\xfe\x00garbage")
    corpus = read_corpus(basil)
    assert corpus.ids == ["a_1"]
    assert len(corpus.rejected) == 2


@pytest.mark.slow
def test_analyze_at_the_text_limit_stays_bounded():
    """One article of MAX_TEXT_CHARS quote marks (the costliest text for memory in
    benchmarks/bench_limits.py): well under 2 GB and 60 s of CPU."""
    out = run_bounded(
        f"""
        import time, warnings
        warnings.simplefilter("ignore")
        import compare
        text = ('"a ' * ({MAX_TEXT_CHARS} // 3 + 1))[:{MAX_TEXT_CHARS}]
        c = compare.Corpus([compare.Article(id="a", outlet="X", text=text)])
        t = time.process_time()
        compare.analyze(c, jobs=1, progress=False)
        print(time.process_time() - t)
        """,
        seconds=300,
        peak_mb=2000,
    )
    assert float(out.split()[-1]) < 60
