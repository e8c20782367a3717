"""Where the gold-standard research datasets live (never shipped with the package)."""

from __future__ import annotations

import os
from pathlib import Path

from .exceptions import InvalidInputError

__all__ = ["datasets_dir"]


def datasets_dir(*, required: bool = False) -> Path:
    """Return the folder holding the research datasets.

    The environment variable ``MEDIA_COMPARE_DATASETS`` wins; otherwise ``../shared/datasets``
    next to the repository (or the current directory's ``../shared/datasets``) is used.

    Parameters
    ----------
    required : bool
        Raise if the folder does not exist.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidInputError
        If ``required`` and the folder is missing.
    """
    env = os.environ.get("MEDIA_COMPARE_DATASETS")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p.parent / "shared" / "datasets" for p in here.parents]
    candidates.append(Path.cwd().parent / "shared" / "datasets")
    for c in candidates:
        if c.is_dir():
            return c
    if required:
        msg = (
            "The research datasets folder was not found. Set MEDIA_COMPARE_DATASETS or place it at "
            "../shared/datasets next to the repository."
        )
        raise InvalidInputError(msg)
    return candidates[0] if candidates else Path("../shared/datasets")
