"""compare.caches lists every module-level cache of the source, and clearing them changes no result."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import compare
from compare.caches import CACHES, cache_info, clear_caches

SRC = Path(compare.__file__).parent
_DECORATORS = {"cache", "lru_cache"}


def _is_cache_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in _DECORATORS


def _module_level_caches() -> set[tuple[str, str]]:
    """(module, name) of module-level functools caches and of module-level memo objects: dicts
    named like caches, and instances of classes that define ``__missing__`` or a bounded table."""
    found = set()
    for path in SRC.rglob("*.py"):
        module = ".".join(("compare", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        memo_classes = {
            n.name
            for n in tree.body
            if isinstance(n, ast.ClassDef)
            and any(isinstance(b, ast.FunctionDef) and b.name in ("__missing__", "rows") for b in n.body)
        }
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and any(_is_cache_decorator(d) for d in node.decorator_list):
                found.add((module, node.name))
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                value = node.value
                for t in targets:
                    if not isinstance(t, ast.Name):
                        continue
                    is_memo_dict = isinstance(value, ast.Dict) and not value.keys and any(
                        k in t.id.upper() for k in ("CACHE", "MEMO", "INFO")
                    )
                    is_memo_object = (
                        isinstance(value, ast.Call) and getattr(value.func, "id", "") in memo_classes
                    )
                    # f = functools.lru_cache(maxsize=...)(g)
                    is_wrapped = (
                        isinstance(value, ast.Call)
                        and isinstance(value.func, ast.Call)
                        and _is_cache_decorator(value.func)
                    )
                    if is_memo_dict or is_memo_object or is_wrapped:
                        found.add((module, t.id))
    return found


def test_every_module_level_cache_is_listed():
    listed = {(c.module, c.name) for c in CACHES}
    found = _module_level_caches()
    assert found - listed == set(), "caches missing from compare.caches.CACHES"
    assert listed - found == set(), "compare.caches.CACHES lists caches that no longer exist"
    assert len(listed) == len(CACHES)


def test_every_listed_cache_exists_and_can_be_cleared():
    for c in CACHES:
        module = importlib.import_module(c.module)
        obj = getattr(module, c.name)
        assert hasattr(obj, "cache_clear") or (hasattr(obj, "clear") and hasattr(obj, "__len__")), c
        assert c.bound >= 1


def test_clearing_caches_changes_no_result_and_sizes_stay_bounded():
    text = 'Officials said the talks collapsed. "We will not give up," Foreign Minister Sergei Lavrov said.'
    first = compare.scores.attributions(text), compare.scores.sentence_sentiment(text)
    info = cache_info()
    assert (info["size"] <= info["bound"]).all()
    assert info["size"].sum() > 0
    dropped = clear_caches()
    assert dropped >= 1
    assert cache_info()["size"].sum() == 0
    again = compare.scores.attributions(text), compare.scores.sentence_sentiment(text)
    for a, b in zip(first, again, strict=True):
        assert a.equals(b)


# -- bounds that a long stream reaches: starting afresh changes no result ------------------------

_WORDS = " ".join(f"zorbax{c}{d}ling quentrovas{d}{c}" for c in "bcdfghjklm" for d in "aeiou")
_TEXT = (
    f"Officials said the {_WORDS} talks collapsed. "
    f'"We will not give up on {_WORDS}," Foreign Minister Sergei Lavrov said on Tuesday.'
)


def test_pyphen_memo_is_kept_to_its_bound(monkeypatch):
    from compare.scores.readability import _textstat

    words = [f"plimbertoxa{i}vunder" for i in range(300)]
    _textstat._hyphenated.cache_clear()
    memo = _textstat._pyphen().hd.cache
    memo.clear()
    unbounded = [_textstat._hyphenated(w) for w in words]
    assert len(memo) >= len(words)  # Pyphen alone keeps every word
    monkeypatch.setattr(_textstat, "_PYPHEN_MEMO_MAX", 20)
    _textstat._hyphenated.cache_clear()
    memo.clear()
    bounded = [_textstat._hyphenated(w) for w in words]
    assert bounded == unbounded
    assert len(memo) <= 21


def test_word_memos_start_afresh_when_full_with_the_same_results(monkeypatch):
    from compare.scores.attribution import _features
    from compare.scores.readability import _textstat

    texts = (_TEXT, _TEXT.replace("zorbax", "wimblor").replace("Sergei Lavrov", "Antony Blinken"))
    clear_caches()
    before = [_scores(t) for t in texts]
    clear_caches()
    monkeypatch.setattr(_textstat, "_MEMO_MAX", 8)
    monkeypatch.setattr(_features, "_TABLE_MAX", 16)
    after = [_scores(texts[0])]
    assert len(_textstat._MEMO) <= 8
    table = _features._TABLE.row
    assert len(table) > 16
    after.append(_scores(texts[1]))  # new words, with the tables full: they start afresh
    assert _features._TABLE.row is not table
    assert before == after


def _scores(text: str) -> tuple:
    attributions = compare.scores.attributions(text)
    return compare.scores.readability_scores(text), attributions.to_dict("records")
