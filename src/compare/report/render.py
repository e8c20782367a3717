"""Render :class:`~compare.report.build.ReportData` to one self-contained HTML file.

One Jinja2 environment, with autoescaping on for every template and string (article text and
titles are untrusted input) and :class:`jinja2.StrictUndefined` (a missing field is an error, not
an empty string). Every value written into the page first passes
:func:`compare._sanitize.clean_text`: control characters, bidirectional overrides and lone
surrogates are replaced (a NUL or an escape sequence in an article reaches no report). The CSS is inlined and figures are inline SVG, so the page makes no network
request.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._sanitize import clean_text
from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from .build import ReportData

__all__ = ["environment", "render_html", "write_html"]


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` of the templates: strings (escaped or markup) made safe to show."""
    if isinstance(value, str):
        from markupsafe import Markup

        cleaned = clean_text(value)
        if cleaned is value:
            return value
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def _cssid(value: Any) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-") or "x"


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report templates (autoescaped, strict)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("compare", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cssid"] = _cssid
    return env


def render_html(data: ReportData) -> str:
    """Render a report as one self-contained HTML document.

    Parameters
    ----------
    data : ReportData
        From :func:`compare.report.build_report`.

    Returns
    -------
    str
        The HTML text (UTF-8 when written).

    Raises
    ------
    TypeError
        If ``data`` is not a ReportData.
    """
    from .build import ReportData

    if not isinstance(data, ReportData):
        msg = f"The 'data' parameter of render_html must be a ReportData. Got {type(data).__name__} instead."
        raise TypeError(msg)
    return environment().get_template("report.html").render(data=data)


def write_html(data: ReportData, path: str | Path) -> Path:
    """Write the report as a self-contained ``.html`` file.

    Parameters
    ----------
    data : ReportData
    path : str or pathlib.Path
        Target file; must end in ``.html`` or ``.htm``.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InvalidInputError
        If the suffix is not ``.html``/``.htm``.
    """
    target = Path(path)
    if target.suffix.lower() not in {".html", ".htm"}:
        msg = f"The 'path' parameter of write_html must end in '.html'. Got {str(target)!r} instead."
        raise InvalidInputError(msg)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(data), encoding="utf-8")
    return target
