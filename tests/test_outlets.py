"""Tests of compare.io.outlets: outlet-name normalisation and the outlet table."""

from __future__ import annotations

import doctest
import inspect

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare.io.outlets as outlets_module
from compare.exceptions import InvalidInputError, ReadError, SchemaError
from compare.io.outlets import (
    default_outlet_table,
    normalize_outlet,
    normalize_space,
    read_outlet_table,
)


# ----------------------------------------------------------------------------------------------
# normalize_outlet
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CNN", "CNN (Online News)"),
        ("The Wall Street Journal", "Wall Street Journal (News)"),
        ("NBC News (Online)", "NBC News"),
        ("Reuters", "reuters"),
        ("Reuters", " Reuters "),
        ("Reuters", "REUTERS"),
        ("Reuters", "Reuters\u00a0"),  # no-break space
        ("Reuters", "\ufeffReu\u200bters"),  # BOM, zero-width space
        ("The Gaze", "\u200fthe\u2009Gaze"),  # bidi mark, thin space
        ("Wall Street Journal", "Wall  Street\nJournal"),
        ("Ｒｅｕｔｅｒｓ", "Reuters"),  # full-width letters (NFKC)
        ("Fox News", "Fox News [Web]"),
        ("CNN", "www.cnn.com"),
        ("Vox", "vox.com"),
        ("L.A. Times", "LA Times"),
        ("Yahoo! News", "Yahoo News"),
        ("STRASSE", "straße"),  # case-folding
    ],
)
def test_names_that_meet(a, b):
    assert normalize_outlet(a) == normalize_outlet(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fox News", "Fox Business"),
        ("NBC News", "NBC"),
        ("Interfax", "Interfax-Ukraine"),
        ("The Times", "Time"),
        ("Al Jazeera", "Al Jazeera English"),
        ("The Independent (UK)", "The Independent (Ireland)"),
        ("Новая газета", "Новая газета Европа"),
        ("Київ", "Киів"),  # diacritics and letters of other scripts are kept
    ],
)
def test_names_that_stay_apart(a, b):
    assert normalize_outlet(a) != normalize_outlet(b)


def test_leading_the_alone_is_kept():
    assert normalize_outlet("The") == "the"
    assert normalize_outlet("The Hill") == "hill"


@given(st.text(max_size=30), st.sampled_from(["", " ", "\u00a0", "\u200b", "\ufeff", "\u200e", "\t"]))
@settings(max_examples=60, deadline=None)
def test_normalize_is_idempotent_and_ignores_invisible_characters(name, pad):
    key = normalize_outlet(name)
    assert normalize_outlet(key) == key or normalize_outlet(key) == normalize_outlet("the " + key)[:0] + key
    assert normalize_outlet(pad + name + pad) == key
    assert normalize_outlet(name.upper()) == normalize_outlet(name.lower()) or not name.isascii()
    assert normalize_space(pad + name) == normalize_space(name + pad)


def test_normalize_rejects_non_strings():
    with pytest.raises(TypeError, match="'name' parameter of normalize_outlet"):
        normalize_outlet(3)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------
# reading tables
# ----------------------------------------------------------------------------------------------
CSV = """name,aliases,country,leaning,state_affiliated
RT,Russia Today|rt.com,RU,,yes
The Kyiv Independent,Kyiv Independent,UA,,no
Fox News,Fox News Channel,US,right,no
CNN,Cable News Network,US,left,no
"""


@pytest.fixture
def table_csv(tmp_path):
    path = tmp_path / "outlets.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_read_csv_resolve_and_groups(table_csv):
    table = read_outlet_table(table_csv)
    assert len(table) == 4
    assert table.columns == ("country", "leaning", "state_affiliated")
    assert table.resolve("Russia Today") == "RT"
    assert table.resolve("www.rt.com") == "RT"
    assert table.resolve("CNN (Online News)") == "CNN"
    assert table.resolve("kyiv independent") == "The Kyiv Independent"
    assert table.resolve("  Fox\u00a0Business ") == "Fox Business"  # unknown: whitespace only
    assert table.resolve("fox business") == "fox business"
    assert table.canonical("Fox Business") is None
    assert "fox news channel" in table
    assert "BBC" not in table
    assert table.groups("leaning") == {"Fox News": "right", "CNN": "left"}
    assert table.groups("state_affiliated") == {"RT": "yes", "The Kyiv Independent": "no", "Fox News": "no",
                                                "CNN": "no"}
    assert table.value("Russia Today", "country") == "RU"
    assert table.value("Unknown", "country") is None
    frame = table.to_frame()
    assert frame.columns.tolist() == ["name", "aliases", "country", "leaning", "state_affiliated"]
    assert frame.loc[0, "aliases"] == "Russia Today|rt.com"


def test_read_yaml_both_shapes(tmp_path):
    listed = tmp_path / "a.yaml"
    listed.write_text(
        "- name: RT\n  aliases: [Russia Today, rt.com]\n  state_affiliated: true\n- name: Fox News\n  leaning: right\n",
        encoding="utf-8",
    )
    nested = tmp_path / "b.yml"
    nested.write_text("outlets:\n  - outlet: RT\n    aliases: Russia Today|rt.com\n    state_affiliated: 'yes'\n"
                      "  - outlet: Fox News\n    leaning: right\n", encoding="utf-8")
    a, b = read_outlet_table(listed), read_outlet_table(nested)
    for table in (a, b):
        assert table.resolve("russia today") == "RT"
        assert table.groups("state_affiliated") == {"RT": "yes"}
        assert table.groups("leaning") == {"Fox News": "right"}


def test_read_tsv_and_bom(tmp_path):
    path = tmp_path / "o.tsv"
    path.write_text("\ufeffname\tleaning\nCNN\tleft\n", encoding="utf-8")
    assert read_outlet_table(path).groups("leaning") == {"CNN": "left"}


@pytest.mark.parametrize(
    ("name", "content", "error", "match"),
    [
        ("x.csv", "outlet_name,country\nCNN,US\n", SchemaError, r"x\.csv.*'name'.*outlet_name"),
        ("x.csv", "name,country\nCNN,US\n,US\n", InvalidInputError, r"x\.csv: row 3, column 'name'.*empty"),
        ("x.csv", "name,aliases\nCNN,\nFox,\ncnn,\n", InvalidInputError, r"row 4.*'cnn'.*appears twice.*row 2"),
        ("x.csv", "name,aliases\nFox News,Fox\nFox Business,FOX\n", InvalidInputError,
         r"row 3: 'FOX' names the same outlet as 'Fox News' \(row 2\)"),
        ("x.csv", "name,country\nCNN,US,extra\n", InvalidInputError, r"row 2 has more fields"),
        ("x.csv", "name,country,country\nCNN,US,US\n", SchemaError, "repeats the column"),
        ("x.csv", "", ReadError, "empty"),
        ("x.csv", "name,country\n'!!!',US\n", InvalidInputError, "no letters"),
        ("x.yaml", "name: CNN\n", InvalidInputError, "list of mappings"),
        ("x.yaml", "- name: [CNN\n", ReadError, "not valid YAML"),
        ("x.yaml", "- name: CNN\n  country: {a: 1}\n", InvalidInputError, r"row 1, column 'country'"),
        ("x.json", "{}", ReadError, "unknown suffix"),
    ],
)
def test_read_errors_name_file_row_and_column(tmp_path, name, content, error, match):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=match):
        read_outlet_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_outlet_table(tmp_path / "nope.csv")


def test_unknown_group_column(table_csv):
    table = read_outlet_table(table_csv)
    with pytest.raises(InvalidInputError, match=r"'column'.*\['country', 'leaning', 'state_affiliated'\].*'owner'"):
        table.groups("owner")


# ----------------------------------------------------------------------------------------------
# annotate
# ----------------------------------------------------------------------------------------------
def test_annotate_resolves_names_and_adds_groups(table_csv):
    table = read_outlet_table(table_csv)
    df = pd.DataFrame({"outlet": ["Russia Today", "CNN (Online News)", "Mystery  Post", None], "x": [1, 2, 3, 4]})
    out = table.annotate(df, groups=["leaning", "state_affiliated"])
    assert out["outlet"].tolist()[:3] == ["RT", "CNN", "Mystery Post"]
    assert out["outlet"].isna().tolist() == [False, False, False, True]
    assert out["leaning"].tolist() == [None, "left", None, None]
    assert out["state_affiliated"].tolist() == ["yes", "no", None, None]
    assert df["outlet"].tolist()[0] == "Russia Today"  # input untouched
    assert "country" not in out.columns
    with pytest.raises(SchemaError, match="overwrite"):
        table.annotate(out, groups=["leaning"])
    with pytest.raises(SchemaError, match="source"):
        table.annotate(df, column="source")


def test_annotate_feeds_compare_groups(table_csv):
    from compare.stats import compare_groups

    table = read_outlet_table(table_csv)
    rows = [{"event_id": f"s{i}", "outlet": o, "x": float(i + (o == "Russia Today"))}
            for i in range(6) for o in ("Russia Today", "kyiv independent", "CNN")]
    df = pd.DataFrame(rows)
    by_column = compare_groups(table.annotate(df), by="state_affiliated")
    groups = table.groups("state_affiliated")
    assert groups["Russia Today"] == groups["RT"] == "yes"  # any spelling
    with pytest.raises(KeyError):
        groups["BBC"]
    by_mapping = compare_groups(df, by=groups)
    pd.testing.assert_frame_equal(by_column, by_mapping)
    row = by_column.iloc[0]
    assert (row["group_a"], row["group_b"], row["diff"]) == ("no", "yes", -1.0)


# ----------------------------------------------------------------------------------------------
# the shipped table
# ----------------------------------------------------------------------------------------------
def test_default_table():
    table = default_outlet_table()
    assert len(table) > 150
    assert table.columns == ("domain", "country", "type")
    assert table.resolve("WSJ") == "The Wall Street Journal"
    assert table.resolve("Wall Street Journal (News)") == "The Wall Street Journal"
    assert table.resolve("nytimes.com") == "The New York Times"
    assert table.resolve("the gaze") == "The Gaze"
    assert table.resolve("Fox Business") == "Fox Business"
    assert table.resolve("Fox") == "Fox News"
    assert table.groups("country")["RT"] == "RU"
    assert table.groups("type")["Reuters"] == "agency"


# ----------------------------------------------------------------------------------------------
# documentation
# ----------------------------------------------------------------------------------------------
def test_module_doctests():
    result = doctest.testmod(outlets_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", outlets_module.__all__)
def test_numpydoc(name):
    validate = pytest.importorskip("numpydoc.validate").validate
    obj = getattr(outlets_module, name)
    targets = [f"compare.io.outlets.{name}"]
    if inspect.isclass(obj):
        targets += [f"compare.io.outlets.{name}.{m}" for m, v in vars(obj).items()
                    if not m.startswith("_") and (inspect.isfunction(v) or isinstance(v, classmethod))]
    for target in targets:
        errors = [(c, m) for c, m in validate(target)["errors"] if c in {"GL08", "SS01", "PR02", "PR01"}]
        assert not errors, f"{target}: {errors}"


def test_a_row_may_repeat_its_own_name_among_its_aliases(tmp_path):
    # the real-coverage outlet tables list every surface form, the canonical name included
    path = tmp_path / "o.csv"
    path.write_text("outlet,aliases,group\nA News,A News|anews.com.tr,regional\nCNN,CNN (Online News),western\n")
    table = read_outlet_table(path)
    assert table.names == ("A News", "CNN")
    assert table.canonical("anews.com.tr") == "A News"
    assert table.canonical(" a news ") == "A News"
    assert table.groups("group") == {"A News": "regional", "CNN": "western"}
