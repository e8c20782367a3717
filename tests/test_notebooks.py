"""Run every notebook in notebooks/ top to bottom (stored without outputs) with nbclient."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.notebook


def test_notebooks_exist_and_are_stored_without_outputs():
    assert len(NOTEBOOKS) >= 4
    for path in NOTEBOOKS:
        book = json.loads(path.read_text(encoding="utf-8"))
        for cell in book["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [], f"{path.name} has stored outputs"
                assert cell.get("execution_count") is None, f"{path.name} has execution counts"
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                assert "compare._" not in source.replace("compare._datasets", ""), (
                    f"{path.name} uses a private module"
                )


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from importlib.resources import files

    if not files("compare.data").joinpath("attribution_model.json").is_file():
        pytest.skip("compare/data/attribution_model.json is missing (attribution family not yet shipped)")
    monkeypatch.chdir(tmp_path)  # anything a notebook writes lands in a temporary folder
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        book, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    errors = [
        out for cell in book.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors
