from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import metadata

import pytest

import compare

MODULES = ["compare", "compare.model", "compare.text", "compare.io", "compare.exceptions", "compare.pipeline", "compare.cli"]


def test_version_matches_metadata():
    assert metadata.version("media-compare") == compare.__version__


@pytest.mark.parametrize("name", MODULES)
def test_all_lists_exports(name):
    module = importlib.import_module(name)
    for item in module.__all__:
        assert hasattr(module, item), f"{name}.__all__ lists {item!r}, which is missing"


def test_import_is_light():
    code = (
        "import sys, compare; "
        "heavy = [m for m in ('sklearn', 'textstat', 'nltk', 'matplotlib', 'jinja2', 'weasyprint', 'pandas', 'scipy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""


def test_public_api_names():
    for name in ("read_corpus", "Corpus", "Article", "analyze_text", "analyze", "Results"):
        assert getattr(compare, name) is not None


def test_subpackages_are_attributes_of_compare():
    """``import compare`` then ``compare.scores.frames(text)`` works, as the docs show, in a fresh interpreter."""
    code = (
        "import compare; "
        "print(sorted(compare.scores.frames('Rivals clashed over the budget.'))); "
        "print(type(compare.scores.attributions('She said it was over.')).__name__, callable(compare.stats.outlet_means)); "
        "print(sorted(n for n in ('scores', 'align', 'stats', 'report') if n in dir(compare)))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == str(sorted(["conflict", "human_interest", "economic", "morality", "responsibility"]))
    assert lines[1] == "DataFrame True"
    assert lines[2] == str(["align", "report", "scores", "stats"])
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        compare.nonexistent  # noqa: B018
