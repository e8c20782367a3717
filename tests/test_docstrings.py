"""Public functions and classes carry numpydoc docstrings (as sklearn's test_docstrings)."""

from __future__ import annotations

import importlib
import inspect

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")

MODULES = [
    "compare",
    "compare.io",
    "compare.model",
    "compare.text",
    "compare.pipeline",
    "compare.distributed",
    "compare.actors",
    "compare.stats",
    "compare.plotting",
    "compare.report",
    "compare.align",
    "compare.scores",
    "compare.scores.readability",
    "compare.scores.sentiment",
    "compare.scores.attribution",
    "compare.scores.framing",
    "compare.scores.wordchoice",
]
# GL08: no docstring; SS01: no summary; SS05: summary in the third person ("Returns" not "Return")
# is not enforced; PR01/PR02: parameters undocumented or unknown; RT01: no Returns section.
CHECKS = {"GL08", "SS01", "PR02"}


def _public_objects():
    seen = set()
    for modname in MODULES:
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            qual = f"{obj.__module__}.{obj.__qualname__}"
            if qual in seen or not obj.__module__.startswith("compare"):
                continue
            seen.add(qual)
            yield qual


@pytest.mark.parametrize("qualname", sorted(_public_objects()))
def test_docstring(qualname):
    result = numpydoc_validate.validate(qualname)
    errors = [(code, msg) for code, msg in result["errors"] if code in CHECKS]
    assert not errors, f"{qualname}: {errors}"
