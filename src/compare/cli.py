"""The ``media-compare`` command: a thin layer over the public API.

::

    media-compare ingest PATH... [--out FILE]        read, summarise and (optionally) write a corpus
    media-compare analyze PATH... --out DIR          score and align; save Results (Parquet + manifest)
    media-compare report [PATH...] [--out reports/]  HTML and PDF reports (default: the bundled corpora)
    media-compare --version

Errors are one line on stderr and a non-zero exit code (2 for bad input, 1 otherwise); ``--debug``
shows the traceback. Everything printed that comes from the data (outlet and event names, file
names, rejection reasons, error messages) is made safe for the terminal first: control characters
(an escape sequence in an outlet name), bidirectional overrides and lone surrogates are replaced,
and what the terminal's encoding cannot show is written as an escape instead of failing.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from ._sanitize import clean_text, display_path
from .exceptions import CompareError, CompareWarning

__all__ = ["main"]

_PROG = "media-compare"


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Compare how news outlets covered the same event: ingest, score, align and report.",
    )
    parser.add_argument("--version", action="version", version=f"{_PROG} {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add_input(p: argparse.ArgumentParser, *, required: bool) -> None:
        p.add_argument(
            "paths",
            nargs="+" if required else "*",
            metavar="PATH",
            help="article folder, JSONL/CSV/Parquet file, HTML page, or research dataset folder",
        )
        p.add_argument("--format", dest="fmt", default=None, help="input format (default: detected)")
        p.add_argument("--outlet", default=None, help="outlet for records that lack one")
        p.add_argument("--encoding", default="utf-8", help="text encoding of the input files (default utf-8)")

    p_ingest = sub.add_parser("ingest", help="read a corpus, print a summary, optionally write it")
    add_input(p_ingest, required=True)
    p_ingest.add_argument("--out", default=None, help="write the corpus to FILE (.jsonl or .parquet)")

    def add_run(p: argparse.ArgumentParser) -> None:
        p.add_argument("--families", default=None, help="comma-separated score families (default: all)")
        p.add_argument("--events", default=None, choices=["auto", "corpus", "align", "none"], help="event grouping")
        p.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="worker processes (default: the available cores, at most 4; 1 runs everything in this process)",
        )
        p.add_argument("--config", default=None, help="run configuration (TOML)")
        p.add_argument(
            "--outlets",
            default=None,
            metavar="FILE",
            help="outlet table (CSV, TSV or YAML): canonical names, aliases and grouping columns "
            "(country, leaning, state affiliation, ...) to compare groups of outlets",
        )
        p.add_argument(
            "--groups",
            default=None,
            help="comma-separated grouping columns of --outlets to compare (default: all of them)",
        )
        p.add_argument("--no-progress", action="store_true", help="do not show progress bars")

    p_analyze = sub.add_parser("analyze", help="score and align a corpus; save the result tables")
    add_input(p_analyze, required=True)
    p_analyze.add_argument("--out", required=True, help="folder for the Parquet tables and manifest.json")
    p_analyze.add_argument("--csv", action="store_true", help="also write every table as CSV")
    add_run(p_analyze)

    p_report = sub.add_parser(
        "report",
        help="write HTML and PDF comparison reports (default: bundled corpora; a folder written by "
        "'analyze --out' is reported on without analysing again)",
    )
    add_input(p_report, required=False)
    p_report.add_argument("--out", default="reports", help="output folder (default: reports/)")
    p_report.add_argument(
        "--formats", default="html,pdf", help="comma-separated output formats: html, pdf (default: both)"
    )
    add_run(p_report)
    return parser


def _read(args: argparse.Namespace):
    from .io import bundled_corpus, read_corpus

    defaults = {"outlet": args.outlet} if args.outlet else None
    if not args.paths:
        return bundled_corpus()
    paths = [str(p) for p in args.paths]
    return read_corpus(paths if len(paths) > 1 else paths[0], format=args.fmt, defaults=defaults, encoding=args.encoding)


def _say(text: str, out: TextIO) -> None:
    """Print ``text`` (already made safe), escaping what the stream's encoding cannot show."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:  # pragma: no cover - a stream with a bogus encoding name
        pass
    print(text, file=out)


def _safe(value: object) -> str:
    """One line of data, safe for the terminal."""
    return clean_text(str(value), newlines=False)


def _n(count: int, word: str, plural: str | None = None) -> str:
    """``1 event``, ``2 events``."""
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _print_summary(corpus, out: TextIO) -> None:
    summary = corpus.summary()
    n_events = len(corpus.events)
    events_text = _n(n_events, "event") if n_events else "no event labels (stories are found from the text when analysing)"
    _say(
        f"{_n(summary['articles'], 'article')}, {_n(len(summary['outlets']), 'outlet')}, "
        f"{events_text}, {_n(summary['words'], 'word')}; {len(summary['rejected'])} rejected",
        out,
    )
    outlets = [(_safe(o), n) for o, n in sorted(summary["outlets"].items(), key=lambda kv: (-kv[1], kv[0]))]
    width = min(60, max((len(o) for o, _ in outlets[:40]), default=6))
    _say("\nArticles per outlet:", out)
    for outlet, n in outlets[:40]:
        _say(f"  {outlet:<{width}}  {n:>6}", out)
    if len(outlets) > 40:
        _say(f"  ... and {len(outlets) - 40} more outlets", out)
    events = {e: n for e, n in summary["events"].items() if e != "(none)"}
    unlabelled = summary["events"].get("(none)", 0) if n_events else 0
    if events:
        _say(f"\nArticles per event ({_n(len(events), 'event')}):", out)
        for event, n in sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
            _say(f"  {_safe(event):<40}  {n:>6}", out)
        if len(events) > 20:
            _say(f"  ... and {len(events) - 20} more events", out)
        if unlabelled:
            _say(f"  {_n(unlabelled, 'article')} without an event label", out)
    if summary["rejected"]:
        _say("\nRejected inputs:", out)
        for line in summary["rejected"]:
            _say(f"  {_safe(line)}", out)


class _Stages:
    """One line per stage of a command on stderr, with the seconds since the start: shown from the
    first second, only when stderr is a terminal and progress is on (never when piped or quiet)."""

    def __init__(self, enabled: bool) -> None:
        import time

        self.enabled = enabled
        self.start = time.perf_counter()

    def __call__(self, text: str) -> None:
        if self.enabled:
            import time

            _say(f"[{time.perf_counter() - self.start:5.1f} s] {text}", sys.stderr)
            sys.stderr.flush()


def _default_jobs() -> int:
    """Worker processes the commands use when ``--jobs`` is not given: the cores this process may
    run on, at most 4 (each worker holds its own copy of the models and lexicons, about 0.6 GB)."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


# Below this many articles the default run analyses in this process: starting a worker that loads the
# models and lexicons costs about 2.5 s, more than it saves (bundled corpora, 91 articles: 3.9 s in one
# process, 6.4 s with two; measured with ``compare.analyze(compare.bundled_corpus(), jobs=N)``).
POOL_MIN_ARTICLES = 250


def _analysis_config(cfg, args: argparse.Namespace, n_articles: int):
    """The configuration for the analysis step: one process for a small corpus unless asked otherwise."""
    if args.jobs is None and not args.config and n_articles < POOL_MIN_ARTICLES and cfg.jobs > 1:
        from dataclasses import replace

        return replace(cfg, jobs=1)
    return cfg


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def _config(args: argparse.Namespace):
    from .config import RunConfig

    cfg = RunConfig.from_toml(args.config) if args.config else RunConfig()
    overrides = {}
    if args.families:
        overrides["families"] = tuple(f.strip() for f in args.families.split(",") if f.strip())
    if args.events:
        overrides["events"] = args.events
    if args.jobs is not None:
        overrides["jobs"] = args.jobs
    elif not args.config:  # a configuration file's own value stands
        overrides["jobs"] = _default_jobs()
    if args.no_progress or not _stderr_is_terminal():
        overrides["progress"] = False
    if args.outlets:
        overrides["outlets"] = args.outlets
    if args.groups:
        overrides["groups"] = tuple(g.strip() for g in args.groups.split(",") if g.strip())
    if overrides:
        from dataclasses import replace

        cfg = replace(cfg, **overrides)
    return cfg


def _cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _read(args)
    _print_summary(corpus, out)
    if args.out:
        from .io import write_jsonl, write_parquet

        target = Path(args.out)
        suffix = target.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            write_jsonl(corpus, target)
        elif suffix in (".parquet", ".pq"):
            write_parquet(corpus, target)
        else:
            from .exceptions import InvalidInputError

            msg = f"--out must end in .jsonl or .parquet. Got {display_path(args.out)!r}."
            raise InvalidInputError(msg)
        _say(f"\nWrote {len(corpus)} articles to {display_path(target)}", out)
    return 0


def _read_and_analyze(args: argparse.Namespace, cfg, stage, out: TextIO):
    """Read the inputs (or the bundled corpora), print their summary and analyse them."""
    from .pipeline import analyze

    stage("reading " + (", ".join(display_path(p) for p in args.paths) if args.paths else "the bundled corpora"))
    corpus = _read(args)
    _print_summary(corpus, out)
    run = _analysis_config(cfg, args, len(corpus))
    stage(f"analysing {_n(len(corpus), 'article')} ({_n(run.jobs, 'process', 'processes')})")
    return analyze(corpus, config=run)


def _cmd_analyze(args: argparse.Namespace, out: TextIO) -> int:
    cfg = _config(args)
    stage = _Stages(cfg.progress)
    results = _read_and_analyze(args, cfg, stage, out)
    stage(f"saving to {display_path(args.out)}/")
    folder = results.save(args.out, formats=("parquet", "csv") if args.csv else ("parquet",))
    _say(f"\nSaved {len(results.articles)} articles' results to {display_path(folder)}/", out)
    return 0


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from .exceptions import InvalidInputError
    from .report import write_reports

    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in ("html", "pdf")]
    if bad or not formats:
        msg = f"--formats takes html and/or pdf. Got {args.formats!r}."
        raise InvalidInputError(msg)
    cfg = _config(args)
    stage = _Stages(cfg.progress)
    if len(args.paths) == 1 and (Path(args.paths[0]) / "manifest.json").is_file():
        from .results import Results

        stage(f"reading the saved results in {display_path(args.paths[0])}")
        results = Results.load(args.paths[0])  # saved results: report on them as they are
        _say(f"Read the saved results in {display_path(args.paths[0])} ({_n(len(results.articles), 'article')}).", out)
    else:
        results = _read_and_analyze(args, cfg, stage, out)
    from .report.build import event_ids

    n_reports = len(event_ids(results)) + 1
    stage(f"writing {_n(n_reports, 'report')} ({' + '.join(f.upper() for f in formats)}) to {display_path(args.out)}/")
    paths = write_reports(results, args.out, formats=formats, progress=cfg.progress, jobs=cfg.jobs)
    stage("done")
    _say(f"\nWrote {_n(len(paths), 'report file')} to {display_path(args.out)}/:", out)
    for p in paths:
        _say(f"  {display_path(p)}", out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        parser.print_help()
        return 2
    handlers = {"ingest": _cmd_ingest, "analyze": _cmd_analyze, "report": _cmd_report}
    out = sys.stdout
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CompareWarning)
            code = handlers[args.command](args, out)
        for w in caught:
            if issubclass(w.category, CompareWarning):
                _say(f"{_PROG}: warning: {_safe(w.message)}", sys.stderr)
        return code
    except CompareError as exc:
        if args.debug:
            raise
        _say(f"{_PROG}: error: {_safe(exc)}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        _say(f"{_PROG}: interrupted", sys.stderr)
        return 130
    except (OSError, ImportError) as exc:
        if args.debug:
            raise
        _say(f"{_PROG}: error: {_safe(exc)}", sys.stderr)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        _say(
            f"{_PROG}: internal error: {type(exc).__name__}: {_safe(exc)} (run with --debug for the traceback; "
            "please report it)",
            sys.stderr,
        )
        return 1
