"""The main job (README's first command): reports, HTML + PDF, on the bundled corpora.

(a) ``media-compare report --out DIR`` in a fresh interpreter, as a user runs it (default jobs: the
    available cores, at most 4): wall time, and the CPU time of the process and its workers;
(b) with ``--breakdown``: the same work serially in this process, timed step by step (CPU seconds,
    so that other load on the machine does not inflate them): the analysis with
    ``Results.manifest["timings"]``, then for each report ``build_report`` and the PDF; the pages
    of each PDF; and the reports that take longest.

The machine's load average is printed beside the figures: on a shared machine the wall time of (a)
is the CPU time divided by the share of the cores the job got, and (b)'s CPU seconds are the
figures to compare between runs.

Run: ``python benchmarks/bench_main_job.py [--runs 1] [--breakdown] [--root CHECKOUT]`` (``--root``: measure
another checkout's sources, e.g. the code before a change).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} cores"


def run_cli(out: Path, root: Path = ROOT) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (process + workers) and files written by the CLI's report command."""
    env = {**os.environ, "PYTHONPATH": str(root / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = "import sys; from compare.cli import main; sys.exit(main())"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, "report", "--out", str(out), "--no-progress"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"media-compare report failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(list(out.iterdir()))


def _pages(path: Path) -> int:
    """Pages of a PDF: WeasyPrint writes a ``/Count`` in its page tree (object streams are compressed,
    so ask ``pdfinfo`` when it is installed, else read the uncompressed page tree)."""
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE)
        if found:
            return int(found.group(1))
    except OSError:
        pass
    counts = re.findall(rb"/Count\s+(\d+)", path.read_bytes())
    return max((int(c) for c in counts), default=0)


def breakdown(out: Path, root: Path = ROOT) -> None:
    sys.path.insert(0, str(root / "src"))
    from compare.config import RunConfig
    from compare.io import bundled_corpus
    from compare.pipeline import analyze
    from compare.report import build_report, write_html, write_pdf
    from compare.report.build import event_ids

    cpu = time.process_time
    t0 = cpu()
    results = analyze(bundled_corpus(), config=RunConfig(progress=False, jobs=1))
    t_analyze = cpu() - t0
    timings = results.manifest.get("timings", {})
    print(
        f"analysis (jobs=1): {t_analyze:.1f} s CPU; steps (wall s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in timings.items())
    )
    rows = []
    for event in [None, *event_ids(results)]:
        a = cpu()
        data = build_report(
            results,
            event=event,
            generated="fixed",
            home=None if event is None else "index.html",
            links={} if event is None else None,
        )
        b = cpu()
        stem = "index" if event is None else f"event-{event}"
        write_html(data, out / f"{stem}.html")
        c = cpu()
        pdf = write_pdf(data, out / f"{stem}.pdf")
        d = cpu()
        rows.append((stem, b - a, c - b, d - c, _pages(pdf)))
    build = sum(r[1] for r in rows)
    html = sum(r[2] for r in rows)
    pdf = sum(r[3] for r in rows)
    print(
        f"reports: {len(rows)}; build {build:.1f} s, HTML {html:.1f} s, PDF {pdf:.1f} s CPU; "
        f"pages {sum(r[4] for r in rows)} (overview {rows[0][4]}, stories {min(r[4] for r in rows[1:])}"
        f"-{max(r[4] for r in rows[1:])})"
    )
    stories = rows[1:]
    print(
        f"per story report: build {build / len(rows):.2f} s, PDF {sum(r[3] for r in stories) / len(stories):.2f} s CPU (mean); "
        f"overview: build {rows[0][1]:.2f} s, PDF {rows[0][3]:.2f} s"
    )
    print(f"total CPU, serial: {t_analyze + build + html + pdf:.1f} s")
    print("| report | build s | PDF s | pages |")
    print("|---|---:|---:|---:|")
    for stem, b, _, p, n in sorted(rows, key=lambda r: -(r[1] + r[3]))[:5]:
        print(f"| {stem} | {b:.2f} | {p:.2f} | {n} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose src/ to measure")
    args = parser.parse_args()
    root = args.root.resolve()
    print(f"sources: {root / 'src'}")
    print(_load())
    print("| run | wall s | CPU s (all processes) | files |")
    print("|---|---:|---:|---:|")
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            wall, cpu, files = run_cli(Path(tmp) / "reports", root)
        print(f"| {run} | {wall:.1f} | {cpu:.1f} | {files} |")
    print(_load())
    if args.breakdown:
        with tempfile.TemporaryDirectory() as tmp:
            breakdown(Path(tmp), root)


if __name__ == "__main__":
    main()
