"""Lazy imports of optional dependencies with an install hint."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


def require(module: str, *, extra: str, caller: str) -> ModuleType:
    """Import ``module`` or raise an ImportError that says how to install it.

    Parameters
    ----------
    module : str
        Module to import, e.g. ``"dask.distributed"``.
    extra : str
        The ``media-compare`` extra that provides it.
    caller : str
        The public function that needs it, named in the message.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    ImportError
        If the module is not installed.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = (
            f"{caller} needs the optional dependency '{module}', which is not installed. "
            f'Install it with: pip install "media-compare[{extra}]"'
        )
        raise ImportError(msg) from exc
