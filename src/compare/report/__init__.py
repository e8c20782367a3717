"""HTML and PDF reports: one per event plus an overview, self-contained and deterministic.

- :func:`build_report` turns :class:`~compare.pipeline.Results` into :class:`ReportData` (sections
  of typed blocks; no HTML);
- :func:`render_html` / :func:`write_html` render it with autoescaped Jinja2 templates (CSS inline,
  figures as inline SVG, no network requests);
- :func:`write_pdf` renders the same HTML to PDF with WeasyPrint;
- :func:`write_reports` writes everything for a set of results: ``index.html`` (overview with
  links) and one ``event-<id>.html`` per event, plus the PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .._validation import check_int
from ..exceptions import InvalidInputError
from .build import (
    ArticleBlock,
    FigureBlock,
    LegendBlock,
    LinksBlock,
    ListBlock,
    Mark,
    ReportData,
    Section,
    Segment,
    SummaryBlock,
    TableBlock,
    TextBlock,
    build_report,
    event_ids,
)
from .pdf import write_pdf
from .render import render_html, write_html

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results

__all__ = [
    "ArticleBlock",
    "FigureBlock",
    "LegendBlock",
    "LinksBlock",
    "ListBlock",
    "Mark",
    "ReportData",
    "Section",
    "Segment",
    "SummaryBlock",
    "TableBlock",
    "TextBlock",
    "build_report",
    "event_filename",
    "render_html",
    "write_html",
    "write_pdf",
    "write_reports",
]

FORMATS = ("html", "pdf")


def event_filename(event: str) -> str:
    """File stem of an event's report: ``event-`` plus the id with unsafe characters replaced."""
    return "event-" + (re.sub(r"[^A-Za-z0-9._-]+", "-", str(event)).strip("-.")[:80] or "x")


def write_reports(
    results: Results,
    out_dir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    events: Sequence[str] | None = None,
    index: bool = True,
    progress: bool = True,
    generated: str | None = None,
    jobs: int = 1,
) -> list[Path]:
    """Write the overview and one report per event, as HTML and/or PDF.

    Parameters
    ----------
    results : compare.Results
    out_dir : str or pathlib.Path
        Folder to write to (created if needed).
    formats : sequence of {"html", "pdf"}
        Output formats. The PDF is rendered from the same HTML.
    events : sequence of str, optional
        Events to report on (default: all).
    index : bool
        Also write ``index.html`` / ``index.pdf``, the overview linking to the event reports.
    progress : bool
        Show a progress bar (terminal or Jupyter).
    generated : str, optional
        Timestamp printed in the footers (default: now, UTC).
    jobs : int
        Worker processes that build and render reports in parallel (PDF rendering takes most of
        the time). Each worker gets one copy of ``results``. The files are the same for any value.

    Returns
    -------
    list of pathlib.Path
        The files written, index first, then the events in sorted order.

    Raises
    ------
    InvalidInputError
        If a format or event is unknown, or ``jobs`` is not a positive int.
    """
    import datetime as _dt

    from .._progress import progress_bar

    wanted = list(formats)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        msg = f"The 'formats' parameter of write_reports must hold values from {list(FORMATS)!r}. Got {wanted!r} instead."
        raise InvalidInputError(msg)
    check_int(jobs, name="jobs", caller="write_reports", low=1)
    known = event_ids(results)
    chosen = known if events is None else [str(e) for e in events]
    missing = sorted(set(chosen) - set(known))
    if missing:
        msg = f"The 'events' parameter of write_reports names unknown events {missing!r}."
        raise InvalidInputError(msg)
    if generated is None:
        generated = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    used: set[str] = {"index"}
    for event in chosen:
        stem = base = event_filename(event)
        i = 2
        while stem in used:
            stem = f"{base}-{i}"
            i += 1
        used.add(stem)
        names[event] = stem
    links = {e: f"{names[e]}.html" for e in chosen} if "html" in wanted else {e: f"{names[e]}.pdf" for e in chosen}
    home = ("index.html" if "html" in wanted else "index.pdf") if index else None
    tasks: list[_Task] = [_Task(None, "index", {"links": links}, wanted, out, generated)] if index else []
    tasks += [_Task(e, names[e], {"home": home}, wanted, out, generated) for e in chosen]
    written: list[Path] = []
    bar = progress_bar(total=len(tasks), desc="reports", unit="report", disable=not progress)
    with bar:
        if jobs == 1 or len(tasks) < 2:
            for task in tasks:
                written += _write_one(results, task)
                bar.update()
        else:
            from concurrent.futures import ProcessPoolExecutor

            _preload(wanted)  # imported once here, inherited by forked workers
            with ProcessPoolExecutor(
                max_workers=min(jobs, len(tasks)), initializer=_set_worker_results, initargs=(results,)
            ) as pool:
                for paths in pool.map(_write_in_worker, tasks):  # in task order
                    written += paths
                    bar.update()
    return written


def _preload(formats: Sequence[str]) -> None:
    """Import what every worker needs (matplotlib's SVG backend, WeasyPrint) before the pool
    starts: forked workers inherit the modules instead of each importing them (about 1 s each)."""
    import importlib

    names = ["matplotlib.figure", "matplotlib.backends.backend_svg", "jinja2"]
    if "pdf" in formats:
        names.append("weasyprint")
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - reported by the worker that needs it
            pass


class _Task(NamedTuple):
    event: str | None  # None: the overview
    stem: str
    options: dict[str, Any]  # links (overview) or home (event) for build_report
    formats: list[str]
    out: Path
    generated: str


def _write_one(results: Results, task: _Task) -> list[Path]:
    data = build_report(results, event=task.event, generated=task.generated, **task.options)
    paths = []
    if "html" in task.formats:
        paths.append(write_html(data, task.out / f"{task.stem}.html"))
    if "pdf" in task.formats:
        paths.append(write_pdf(data, task.out / f"{task.stem}.pdf"))
    return paths


_WORKER_RESULTS: Results | None = None  # set once per worker process by the pool's initializer


def _set_worker_results(results: Results) -> None:
    global _WORKER_RESULTS  # per-process state of a pool worker
    _WORKER_RESULTS = results


def _write_in_worker(task: _Task) -> list[Path]:
    assert _WORKER_RESULTS is not None  # set by the pool's initializer
    return _write_one(_WORKER_RESULTS, task)
