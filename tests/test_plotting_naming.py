"""NamingDisplay: shares of the forms each outlet uses for one referent."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.exceptions import InvalidInputError
from compare.plotting import NamingDisplay, to_svg
from compare.scores.wordchoice import naming_table


@pytest.fixture
def naming() -> pd.DataFrame:
    rows = [("a", "X", 0, "Kyiv"), ("a", "X", 10, "Kyiv"), ("b", "Y", 0, "Kiev"), ("c", "Y", 0, "Kyiv"), ("d", "Z", 0, "Kiev")]
    mentions = pd.DataFrame(
        [{"article_id": a, "outlet": o, "start": s, "end": s + 4, "text": t, "actor": "Kyiv", "kind": "location"} for a, o, s, t in rows]
    )
    return naming_table(mentions)


def test_table_values(naming: pd.DataFrame) -> None:
    disp = NamingDisplay.from_frame(naming, referent="Kyiv", dimension="spelling")
    assert list(disp.shares.index) == ["X", "Y", "Z"]
    assert disp.shares.loc["Y", "Kiev"] == pytest.approx(0.5)
    assert pd.isna(disp.shares.loc["X", "Kiev"])
    assert disp.totals.to_dict() == {"X": 2, "Y": 2, "Z": 1}
    assert (disp.low.fillna(0) <= disp.shares.fillna(0)).all().all()


@pytest.mark.usefixtures("pyplot")
def test_plot_new_and_given_axes(naming: pd.DataFrame, pyplot) -> None:  # type: ignore[no-untyped-def]
    disp = NamingDisplay.from_frame(naming, referent="Kyiv", dimension="spelling").plot()
    assert disp.ax_.get_title() == "Kyiv: spelling"
    assert {t.get_text() for t in disp.ax_.get_legend().get_texts()} == {"Kiev", "Kyiv"}
    assert "<svg" in to_svg(disp.figure_)
    _, ax = pyplot.subplots()
    assert NamingDisplay.from_frame(naming, referent="Kyiv", max_groups=2).plot(ax=ax).ax_ is ax


def test_unknown_referent(naming: pd.DataFrame) -> None:
    with pytest.raises(InvalidInputError, match="Kyiv"):
        NamingDisplay.from_frame(naming, referent="Lviv", dimension="spelling")
