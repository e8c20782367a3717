"""The README's Python quick start runs as written, and its printed output is what it says."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_readme_has_a_python_quick_start() -> None:
    assert _python_blocks()


@pytest.mark.slow
@pytest.mark.parametrize("block", _python_blocks())
def test_readme_python_block_runs(block: str) -> None:
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(ROOT)  # the snippets use paths relative to the repository root
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102
    finally:
        os.chdir(cwd)
    # a "print(x)  # shown" line promises that output
    promised = [m.group(1).strip() for m in re.finditer(r"^print\(.*?\)\s+#\s*(.+)$", block, flags=re.MULTILINE)]
    printed = out.getvalue().splitlines()
    for line in promised:
        assert line in printed
