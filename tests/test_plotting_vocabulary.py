"""VocabularyDisplay: the scattertext-style plot of distinctive words."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.exceptions import InvalidInputError, SchemaError
from compare.plotting import VocabularyDisplay, to_svg
from compare.scores.wordchoice import distinctive_words


@pytest.fixture
def vocabulary() -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "outlet": ["A"] * 3 + ["B"] * 3,
            "event_id": ["e"] * 6,
            "text": [
                "The full-scale invasion of Ukraine continued.",
                "Russia's invasion killed civilians in Kyiv.",
                "The invasion and the war went on in Kyiv.",
                "The special military operation continued.",
                "The Kyiv regime shelled civilians, the operation went on.",
                "The conflict and the operation went on in Kiev.",
            ],
        }
    )
    return distinctive_words(df, a="A", b="B")


@pytest.mark.usefixtures("pyplot")
def test_plot_labels_top_words_of_each_side(vocabulary: pd.DataFrame) -> None:
    disp = VocabularyDisplay.from_frame(vocabulary, threshold=0.5).plot(top=3)
    texts = {t.get_text() for t in disp.ax_.texts}
    assert "invasion" in texts
    assert "operation" in texts
    assert disp.ax_.get_xscale() == "log"
    assert "<svg" in to_svg(disp.figure_)


def test_plot_on_given_axes(pyplot, vocabulary: pd.DataFrame) -> None:
    fig, ax = pyplot.subplots()
    disp = VocabularyDisplay.from_frame(vocabulary, scope="e").plot(ax=ax)
    assert disp.ax_ is ax
    assert disp.figure_ is fig


def test_errors(vocabulary: pd.DataFrame) -> None:
    with pytest.raises(InvalidInputError, match="scope"):
        VocabularyDisplay.from_frame(vocabulary, scope="nope")
    with pytest.raises(SchemaError, match="z"):
        VocabularyDisplay.from_frame(vocabulary.drop(columns="z"))
