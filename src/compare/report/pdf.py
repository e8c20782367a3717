"""Write a report as PDF with WeasyPrint, from the same HTML as :func:`~compare.report.render_html`.

No network access: every URL other than an inline ``data:`` URL is refused (the HTML has none
anyway: CSS is inline and figures are inline SVG).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._optional import require
from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    from .build import ReportData

__all__ = ["html_to_pdf", "write_pdf"]


def _fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that only resolves inline ``data:`` URLs (figures' embedded images)."""
    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint >= 68
        return weasyprint.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - older WeasyPrint
        if not url.startswith("data:"):
            msg = f"media-compare reports make no network requests; refused to fetch {url!r}."
            raise ValueError(msg)
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def html_to_pdf(html: str, path: str | Path) -> Path:
    """Render an HTML string to a PDF file with WeasyPrint (external URLs refused).

    Parameters
    ----------
    html : str
    path : str or pathlib.Path
        Target ``.pdf`` file.

    Returns
    -------
    pathlib.Path
    """
    weasyprint = require("weasyprint", extra="pdf", caller="write_pdf")
    import logging

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # WeasyPrint logs CSS it does not support (e.g. some SVG attributes) as warnings; keep them quiet
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    # Without libharfbuzz-subset, WeasyPrint >= 70 subsets fonts with fontTools, which stamps each
    # subset font with the current time unless SOURCE_DATE_EPOCH is set (the reproducible-builds
    # convention): fix it for the call, so the same report gives the same bytes.
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch or "0"
    try:
        weasyprint.HTML(string=html, base_url=None, url_fetcher=_fetcher(weasyprint)).write_pdf(target)
    finally:
        logger.setLevel(level)
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    return target


def write_pdf(data: ReportData, path: str | Path) -> Path:
    """Write the report as PDF, rendered from the same HTML as :func:`write_html`.

    Parameters
    ----------
    data : ReportData
    path : str or pathlib.Path
        Target file; must end in ``.pdf``.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InvalidInputError
        If the suffix is not ``.pdf``.
    """
    from .render import render_html

    target = Path(path)
    if target.suffix.lower() != ".pdf":
        msg = f"The 'path' parameter of write_pdf must end in '.pdf'. Got {str(target)!r} instead."
        raise InvalidInputError(msg)
    return html_to_pdf(render_html(data), target)
