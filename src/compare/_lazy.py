"""Lazy attributes for packages: public names imported on first use, so importing a package is cheap.

A package's ``__init__`` lists its public names and the submodule that defines each, then::

    __getattr__, __dir__ = attach(__name__, {"frames": "._framing", ...})

This is the pattern of Scientific Python's SPEC 1 (``lazy_loader.attach``), kept to a few lines.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, names: Mapping[str, str], *, extra: Iterable[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for ``package``.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    names : mapping of str to str
        Public name -> module that defines it (absolute, or relative to ``package`` when it starts
        with a dot). A module named after the public name itself (``"stats": ".stats"``) is
        returned as the module.
    extra : iterable of str
        Further names to list in ``__dir__`` (those defined in the ``__init__`` itself).
    """

    def __getattr__(name: str) -> Any:
        target = names.get(name)
        if target is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        module = importlib.import_module(target, package)
        if module.__name__.rsplit(".", 1)[-1] == name:
            return module
        return getattr(module, name)

    def __dir__() -> list[str]:
        return sorted({*names, *extra})

    return __getattr__, __dir__
