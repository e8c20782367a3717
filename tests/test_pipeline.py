"""analyze, Results save/load, process pool determinism, streaming and Dask."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import compare
from compare import InvalidInputError
from compare.pipeline import ALL_FAMILIES, RESULT_TABLES, Results, RunConfig, analyze_stream

FAST = RunConfig(families=("readability", "sentiment"), claims=False, provenance=False, progress=False)


@pytest.fixture(scope="module")
def full_results(tiny_corpus):
    return compare.analyze(tiny_corpus, config=RunConfig(progress=False))


def test_tables_and_schema(full_results, tiny_corpus):
    res = full_results
    assert list(res.articles["article_id"]) == tiny_corpus.ids
    assert set(res.articles["event_id"]) == {"flood", "strike"}
    from compare.scores import SCORERS

    metric_cols = [c for c in res.articles.columns if c in SCORERS]
    assert metric_cols, "no metric columns"
    assert set(res.scores["family"]) == set(ALL_FAMILIES)
    assert len(res.scores) == len(res.articles) * len(metric_cols)
    # every offset points into the article text
    texts = {a.id: a.text for a in tiny_corpus}
    for name in ("sentences", "evidence"):
        df = res.tables[name]
        for row in df.itertuples():
            assert 0 <= row.start < row.end <= len(texts[row.article_id])
    for row in res.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


def test_save_load_roundtrip(full_results, tmp_path):
    folder = full_results.save(tmp_path / "res")
    assert (folder / "manifest.json").is_file()
    loaded = Results.load(folder)
    assert loaded == full_results
    assert loaded.manifest["corpus"]["hash"] == full_results.corpus.content_hash()
    assert set(loaded.manifest["versions"]) >= {"media-compare", "textstat", "vaderSentiment"}
    assert loaded.manifest["lexicon_hashes"]


def test_load_missing_folder(tmp_path):
    with pytest.raises(InvalidInputError, match=r"manifest\.json is missing"):
        Results.load(tmp_path)


def test_repr_html(full_results):
    html = full_results._repr_html_()
    assert "<table" in html
    assert "flood-daily" in html


def _stories(tiny_corpus, n: int) -> compare.Corpus:
    """``n`` stories of three outlets: the tiny corpus's two, repeated under other ids and labels."""
    from dataclasses import replace

    arts = [
        replace(a, id=f"{a.id}-{k}", event=f"{a.event}-{k}") for k in range(-(-n // 2)) for a in tiny_corpus
    ]
    return compare.Corpus(arts[: 3 * n], name="stories")


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_jobs_give_identical_tables(tiny_corpus, monkeypatch, start):
    """jobs=2 gives jobs=1's tables, the claims step on the pool too (issue 21): forked workers
    read the stories from shared memory, other start methods are sent them."""
    import multiprocessing

    from compare import pipeline

    one = compare.analyze(tiny_corpus, config=FAST)
    two = compare.analyze(
        tiny_corpus, config=RunConfig.from_dict({**FAST.to_dict(), "jobs": 2, "chunk_size": 1})
    )
    for name in RESULT_TABLES:
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name])

    corpus = _stories(tiny_corpus, 5)
    cfg = RunConfig.from_dict({**FAST.to_dict(), "claims": True, "comparisons": False})
    one = compare.analyze(corpus, config=cfg)
    used = []
    real_pool = pipeline._claims_on_pool
    monkeypatch.setattr(pipeline, "PARALLEL_CLAIM_WORK", 0)
    monkeypatch.setattr(pipeline, "_claims_on_pool", lambda *a: used.append(a[2]) or real_pool(*a))
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *_, **__: start)
    two = compare.analyze(corpus, config=replace_jobs(cfg, 2))
    assert used == [2]
    assert one.claims["event_id"].nunique() == 5
    assert set(one.coverage["status"]) >= {"carried", "omitted"}
    for name in ("claims", "coverage", "omission"):
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name], check_exact=True, obj=name)
    assert not pipeline._SHARED_STORIES  # released after the pool


def replace_jobs(cfg: RunConfig, jobs: int) -> RunConfig:
    return RunConfig.from_dict({**cfg.to_dict(), "jobs": jobs})


def test_claims_pool_rule_and_batches():
    """The pool runs claims only when there is enough work to share; batches hold every story once,
    the costliest batch first, and balance the cost (sentences squared)."""
    from compare.pipeline import PARALLEL_CLAIM_WORK, _claim_jobs, _claim_work, _story_batches

    assert _claim_work([10, 300, 20]) == 10 * 10 + 20 * 20  # the largest story cannot be shared
    task = ("e", [], [[None] * 50, [None] * 50])  # a story of 100 claim sentences
    assert _claim_jobs([task] * 3, 2) == 1  # 20,000 < PARALLEL_CLAIM_WORK: serial
    big = ("e", [], [[None] * 600])
    assert PARALLEL_CLAIM_WORK <= 600 * 600
    assert _claim_jobs([big, big], 2) == 2
    assert _claim_jobs([big, big], 1) == 1
    assert _claim_jobs([big], 4) == 1  # one story: nothing to share
    assert _claim_jobs([big, big, big], 8) == 3

    sizes = [5, 100, 7, 60, 60, 3, 90, 1]
    batches = _story_batches(sizes, 3)
    assert sorted(i for b in batches for i in b) == list(range(len(sizes)))
    assert all(b == sorted(b) for b in batches)
    costs = [sum(sizes[i] ** 2 for i in b) for b in batches]
    assert costs == sorted(costs, reverse=True)
    assert max(costs) == 100**2  # the largest story alone; the rest share the other two
    assert _story_batches([4, 4], 8) == [[0], [1]]
    assert _story_batches([], 4) == []


_FRESH_RUN = """
import pickle, sys
import compare
from compare.pipeline import RESULT_TABLES
from tests_corpus import corpus
cfg = compare.RunConfig(progress=False, comparison_options={"n_boot": 200, "n_perm": 200})
if sys.argv[1] == "dask":
    import dask
    from dask.distributed import Client, LocalCluster
    from compare.distributed import analyze_distributed
    with dask.config.set({"distributed.comm.timeouts.connect": "120s"}), LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as client:
        res = analyze_distributed(corpus(), client=client, config=cfg, npartitions=3)
else:
    import compare.pipeline
    compare.pipeline.PARALLEL_CLAIM_WORK = 0  # the claims step on the pool too (issue 21)
    res = compare.analyze(corpus(), jobs=int(sys.argv[1]), config=cfg)
pickle.dump({n: res.tables[n] for n in RESULT_TABLES}, sys.stdout.buffer)
"""


@pytest.mark.slow
def test_pool_and_dask_in_a_fresh_interpreter_give_every_table_of_jobs_1(tiny_corpus, tmp_path):
    """Regression (issue 15): with jobs > 1 a fresh process returned an empty ``scores`` table,
    because the metric registry was filled by importing family modules, which only the workers did;
    the Dask path had the same flaw. Each run here is a new interpreter with analyze's defaults."""
    import pickle
    import subprocess
    import sys

    pytest.importorskip("dask.distributed")
    (tmp_path / "tests_corpus.py").write_text(
        f"import pickle\ndef corpus():\n    return pickle.loads({pickle.dumps(tiny_corpus)!r})\n",
        encoding="utf-8",
    )
    tables = {}
    for mode in ("1", "2", "dask"):
        run = subprocess.run(
            [sys.executable, "-c", _FRESH_RUN, mode], capture_output=True, check=False, cwd=tmp_path, timeout=600
        )
        assert run.returncode == 0, run.stderr.decode()[-2000:]
        tables[mode] = pickle.loads(run.stdout)
    n_metrics = len([c for c in tables["2"]["articles"].columns if c in compare.scores.SCORERS])
    assert len(tables["2"]["scores"]) == len(tables["2"]["articles"]) * n_metrics > 0
    for mode in ("2", "dask"):
        for name in RESULT_TABLES:
            pd.testing.assert_frame_equal(tables["1"][name], tables[mode][name], obj=f"{name} ({mode})")


def test_tables_do_not_depend_on_chunking(tiny_corpus):
    """Chunks are sent between processes as columns; joining them gives the same tables as row dicts."""
    from compare._tables import _frame
    from compare.pipeline import chunk_tables, combine, score_article

    outputs = [score_article(a, families=ALL_FAMILIES) for a in tiny_corpus]
    whole = combine([chunk_tables(outputs)])
    singles = combine([chunk_tables(outputs[i : i + 1]) for i in range(len(outputs))])
    assert set(whole) >= {"articles", "sentences", "evidence", "attributions", "actors", "scores"}
    for name in whole:
        pd.testing.assert_frame_equal(whole[name], singles[name], check_exact=True)
    # the columns hold what pandas makes of the row dicts, with keys missing from some rows
    rows = [r for o in outputs for r in o["tables"]["attributions"]]
    pd.testing.assert_frame_equal(whole["attributions"], _frame(rows, ("article_id", "outlet")), check_exact=True)


def test_row_order_invariance(tiny_corpus):
    rev = compare.Corpus(reversed(list(tiny_corpus)))
    a = compare.analyze(tiny_corpus, config=FAST).articles.set_index("article_id").sort_index()
    b = compare.analyze(rev, config=FAST).articles.set_index("article_id").sort_index()
    pd.testing.assert_frame_equal(a, b)


def test_bad_arguments(tiny_corpus):
    with pytest.raises(TypeError, match="must be a Corpus"):
        compare.analyze([1, 2])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="empty"):
        compare.analyze(compare.Corpus([]))
    with pytest.raises(InvalidInputError, match="families"):
        compare.analyze(tiny_corpus, families=["astrology"])
    with pytest.raises(InvalidInputError, match="jobs"):
        RunConfig(jobs=0)


def test_config_from_toml(tmp_path):
    path = tmp_path / "run.toml"
    path.write_text('families = ["readability"]\njobs = 2\n', encoding="utf-8")
    cfg = RunConfig.from_toml(path)
    assert cfg.families == ("readability",)
    assert cfg.jobs == 2
    path.write_text("nonsense = 1\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="Unknown RunConfig option"):
        RunConfig.from_toml(path)


def test_stream_writes_parts_and_matches_in_memory(tiny_corpus, tmp_path):
    counts = analyze_stream(iter(tiny_corpus), tmp_path / "out", config=FAST, chunk_size=4)
    assert counts["articles"] == len(tiny_corpus)
    parts = sorted((tmp_path / "out" / "articles").glob("part-*.parquet"))
    assert len(parts) == 2
    streamed = pd.read_parquet(tmp_path / "out" / "articles").drop(columns=["event_id"])
    in_memory = compare.analyze(tiny_corpus, config=FAST).articles.drop(columns=["event_id"])
    pd.testing.assert_frame_equal(
        streamed.reset_index(drop=True), in_memory.reset_index(drop=True), check_dtype=False
    )


def test_stream_rejects_duplicate_ids(tiny_corpus, tmp_path):
    with pytest.raises(InvalidInputError, match="Duplicate article id"):
        analyze_stream([tiny_corpus[0], tiny_corpus[0]], tmp_path / "o", config=FAST)


def test_nan_not_zero_for_undefined():
    corpus = compare.Corpus([compare.Article(id="a", outlet="X", text="Ok")])
    res = compare.analyze(corpus, config=FAST)
    row = res.articles.iloc[0]
    # a one-word text has no defined SMOG (needs 30 sentences by its definition) but must not be 0.0
    values = [row[c] for c in res.articles.columns if c.startswith("smog")]
    assert all(isinstance(v, float) and (math.isnan(v) or v != 0.0) for v in values)


@pytest.mark.slow
def test_dask_local_cluster_matches_local(tiny_corpus):
    distributed = pytest.importorskip("dask.distributed")
    import dask

    from compare.distributed import analyze_distributed

    local = compare.analyze(tiny_corpus, config=FAST)
    # generous timeouts: on a loaded 2-core machine, starting worker processes can take a while
    with dask.config.set({"distributed.comm.timeouts.connect": "120s", "distributed.comm.timeouts.tcp": "120s"}), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, distributed.Client(cluster) as client:
        remote = analyze_distributed(tiny_corpus, client=client, config=FAST, npartitions=3)
        bag = pytest.importorskip("dask.bag").from_sequence([a.to_dict() for a in tiny_corpus], npartitions=2)
        from_bag = analyze_distributed(bag, client=client, config=FAST)
    for name in RESULT_TABLES:
        pd.testing.assert_frame_equal(local.tables[name], remote.tables[name])
        pd.testing.assert_frame_equal(local.tables[name], from_bag.tables[name])


def test_dask_bag_with_empty_partitions_and_empty_bag(tiny_corpus):
    dask = pytest.importorskip("dask")
    db = pytest.importorskip("dask.bag")
    from compare.distributed import analyze_distributed

    local = compare.analyze(tiny_corpus, config=FAST)
    records = [a.to_dict() for a in tiny_corpus]
    # more partitions than articles: some partitions are empty and must not disturb the tables
    bag = db.from_delayed([dask.delayed(list)(records[:1]), dask.delayed(list)([]), dask.delayed(list)(records[1:])])
    with dask.config.set(scheduler="synchronous"):
        remote = analyze_distributed(bag, config=FAST)
        for name in RESULT_TABLES:
            pd.testing.assert_frame_equal(local.tables[name], remote.tables[name])
        with pytest.raises(InvalidInputError, match="no articles"):
            analyze_distributed(db.from_sequence([], npartitions=1), config=FAST)


def test_surnames_merge_across_outlets_within_an_event():
    from compare import Article, Corpus

    corpus = Corpus(
        [
            Article(id="a", outlet="X", event="e", text="President Joe Biden signed the bill on Monday. Joe Biden smiled."),
            Article(id="b", outlet="Y", event="e", text="Mr. Biden signed the bill. Critics said Mr. Biden rushed it."),
            Article(id="c", outlet="Z", event="f", text="Mr. Biden spoke in Ohio on Friday."),
        ]
    )
    cfg = RunConfig(families=("sentiment",), claims=False, provenance=False, progress=False)
    actors = compare.analyze(corpus, config=cfg).actors
    actors = actors[actors["kind"] == "person"].set_index("article_id")
    assert actors.loc["b", "actor"] == "Joe Biden"
    assert actors.loc["b", "actor_in_article"] == "Biden"
    assert actors.loc["c", "actor"] == "Biden"  # another event: no full name to merge with


def test_own_outlet_is_not_an_actor(founding_article):
    from compare import Corpus

    cfg = RunConfig(families=("sentiment", "wordchoice"), claims=False, provenance=False, progress=False)
    res = compare.analyze(Corpus([founding_article]), config=cfg)
    names = set(res.actors["actor"])
    assert "Gaze" not in names
    assert "The Gaze" not in names
    assert {"Vladimir Putin", "Zelenskyy"} <= names
    assert not res.labels["actor"].isin(["Gaze", "The Gaze"]).any()


def test_progress_bars_start_no_monitor_thread():
    # the pools fork after a bar exists; a thread in the parent could deadlock the children
    import io

    from compare._progress import progress_bar

    bar = progress_bar(range(3), file=io.StringIO(), mininterval=0)
    assert list(bar) == [0, 1, 2]
    assert type(bar).monitor_interval == 0
    assert "monitor" not in vars(type(bar))  # tqdm stores the thread it starts on the class


def test_events_aligned_from_the_per_article_features(tiny_corpus, monkeypatch):
    """Without labels, stories and developments come from the workers' story features, not the text."""
    from dataclasses import replace as _replace

    import compare.align.events as ev

    unlabelled = compare.Corpus([_replace(a, event=None) for a in tiny_corpus])

    def no_text(*_args, **_kwargs):  # the parent must not tokenise the text again
        raise AssertionError("text_story_features called in the parent")

    monkeypatch.setattr(ev, "text_story_features", no_text)
    res = compare.analyze(unlabelled, config=FAST)
    events = res.events
    assert {"event_id", "development_id", "source"} <= set(events.columns)
    assert set(events["article_id"]) == set(tiny_corpus.ids)
    assert all(
        d.startswith(e + ".") for e, d in zip(events["event_id"], events["development_id"], strict=True)
    )
    assert (events["source"] == "align_events").all()
    gold = {a.id: a.event for a in tiny_corpus}
    story = dict(zip(events["article_id"], events["event_id"], strict=True))
    for x, gx in gold.items():
        for y, gy in gold.items():
            assert (gx == gy) == (story[x] == story[y])


def test_corpus_labels_are_story_and_development(full_results):
    events = full_results.events
    assert (events["development_id"] == events["event_id"]).all()


def test_a_story_holds_its_aftermath_as_a_second_development():
    """analyze without labels: a storm and its aftermath 17 days later are one story in two
    developments (single linkage at the corpus's own level, 21-day story window); a budget vote
    in between stays a story of its own."""
    flood = (
        "A storm flooded the coastal town of Brixham overnight. Residents of Brixham were evacuated as the "
        "harbour wall failed and the River Dart burst its banks. Mayor Ellen Tregarth said the storm was the "
        "worst in fifty years."
    )
    after = (
        "Two weeks after the storm flooded Brixham, residents returned to the coastal town. Mayor Ellen "
        "Tregarth said the harbour wall that failed in the storm would be rebuilt, and the River Dart banks raised."
    )
    budget = (
        "Parliament passed the annual budget after a long debate. The finance minister said taxes on fuel "
        "would rise, and the opposition voted against the spending plan."
    )
    arts = [
        compare.Article(
            id="f1", outlet="X", title="Storm floods Brixham", text=flood, published="2024-03-01"
        ),
        compare.Article(
            id="f2",
            outlet="Y",
            title="Brixham flooded by storm",
            text=flood.replace("overnight", "on Friday"),
            published="2024-03-01",
        ),
        compare.Article(
            id="a1", outlet="X", title="Brixham returns home after storm", text=after, published="2024-03-18"
        ),
        compare.Article(
            id="a2",
            outlet="Z",
            title="Brixham rebuilds after the storm",
            text=after.replace("Two", "Three"),
            published="2024-03-18",
        ),
        compare.Article(
            id="b1", outlet="Y", title="Parliament passes budget", text=budget, published="2024-03-10"
        ),
        compare.Article(
            id="b2",
            outlet="Z",
            title="Budget approved by parliament",
            text=budget.replace("long", "heated"),
            published="2024-03-10",
        ),
    ]
    events = compare.analyze(compare.Corpus(arts), config=FAST).events
    story = dict(zip(events["article_id"], events["event_id"], strict=True))
    development = dict(zip(events["article_id"], events["development_id"], strict=True))
    assert story["f1"] == story["f2"] == story["a1"] == story["a2"] != story["b1"] == story["b2"]
    assert development["f1"] == development["f2"] != development["a1"] == development["a2"]
