from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from compare import __version__
from compare.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_ingest_summary_and_write(tmp_path, capsys):
    out = tmp_path / "c.jsonl"
    assert main(["ingest", "corpora/istanbul-talks-2025", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "1 article, 1 outlet, 1 event, " in text
    assert "The Gaze" in text
    assert out.read_text(encoding="utf-8").count("\n") == 1


def test_ingest_lists_rejected(tmp_path, capsys):
    (tmp_path / "bad.md").write_text("---\noutlet: [\n---\nx\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("---\noutlet: X\n---\nSome text.\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "1 rejected" in text
    assert "bad.md" in text
    assert "malformed YAML" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ingest", "/no/such/dir"], "no such file or folder"),
        (["ingest", "corpora/istanbul-talks-2025", "--out", "x.txt"], "--out must end in .jsonl or .parquet"),
        (["ingest", "pyproject.toml"], "cannot tell the format"),
    ],
)
def test_errors_are_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("media-compare: error:")
    assert message in err
    assert "\n" not in err
    assert "Traceback" not in err


def test_python_dash_m():
    proc = subprocess.run([sys.executable, "-m", "compare", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert __version__ in proc.stdout


def test_jobs_default_to_the_available_cores_at_most_four(tmp_path, monkeypatch):
    from compare import cli

    parser = cli._build_parser()
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)), raising=False)
    assert cli._config(parser.parse_args(["analyze", "x", "--out", "o"])).jobs == 4
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert cli._config(parser.parse_args(["analyze", "x", "--out", "o"])).jobs == 1
    assert cli._config(parser.parse_args(["report", "--jobs", "3"])).jobs == 3
    toml = tmp_path / "run.toml"
    toml.write_text("jobs = 2\n", encoding="utf-8")
    assert cli._config(parser.parse_args(["report", "--config", str(toml)])).jobs == 2  # the file's value stands


def test_small_corpora_are_analysed_in_one_process_by_default(monkeypatch):
    from compare import cli

    parser = cli._build_parser()
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)), raising=False)
    args = parser.parse_args(["report"])
    cfg = cli._config(args)
    assert cfg.jobs == 4
    assert cli._analysis_config(cfg, args, cli.POOL_MIN_ARTICLES - 1).jobs == 1
    assert cli._analysis_config(cfg, args, cli.POOL_MIN_ARTICLES).jobs == 4
    asked = parser.parse_args(["report", "--jobs", "2"])  # an explicit --jobs stands
    assert cli._analysis_config(cli._config(asked), asked, 10).jobs == 2


def test_ingest_summary_is_safe_for_the_terminal(tmp_path, capsys):
    (tmp_path / "a.md").write_text('---\noutlet: "Evil\\e]0;title\\a \\u202e News"\n---\nSome text. More.\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b", "outlet": "Bad \\ud800 Post", "text": "T \\udfff."}\n', encoding="utf-8")
    assert main(["ingest", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "2 articles" in text
    for ch in ("\x1b", "\x07", "\u202e", "\ud800"):
        assert ch not in text
    assert "Evil\ufffd]0;title\ufffd \ufffd News" in text


def test_bogus_encoding_is_one_error(tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text("---\noutlet: X\n---\nText.\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path), "--encoding", "rot13"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("media-compare: error:")
    assert "'encoding'" in err
    assert "\n" not in err


def test_stage_lines_only_on_a_terminal(capsys):
    from compare.cli import _n, _Stages

    _Stages(enabled=False)("analysing")
    assert capsys.readouterr().err == ""
    _Stages(enabled=True)("analysing 3 articles")
    err = capsys.readouterr().err
    assert re.fullmatch(r"\[\s*\d+\.\d s\] analysing 3 articles\n", err)
    assert (_n(1, "event"), _n(2, "event"), _n(1, "process", "processes")) == ("1 event", "2 events", "1 process")


def test_ingest_without_event_labels_says_so(tmp_path, capsys):
    (tmp_path / "a.md").write_text("---\noutlet: A\n---\nSome text here.\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "0 events" not in captured.out
    assert "no event labels" in captured.out
    assert "(none)" not in captured.out
    assert captured.err == ""  # no progress when stderr is not a terminal
