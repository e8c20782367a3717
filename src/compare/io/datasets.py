"""Readers for research datasets, as corpora with outlet, event and date.

The datasets themselves are never shipped (research-only licences); point these readers at a local
copy. Annotations are *not* part of the corpus: benchmarks read them separately. Each reader keeps
the dataset's own ids so that annotations can be joined back.

============ ================================================ ===========================================
format       layout                                           event / outlet
============ ================================================ ===========================================
basil        ``articles/<year>/<triplet>_<k>.json``            triplet uuid / Fox News, NYT, HuffPost
allsides     ``headline_*_crawled_all.jsonl`` (NeuS release)   AllSides story id / the snippet's outlet
newswcl50    ``newswcl50_docs.derived.jsonl`` (+ urls.tsv)     event 0-9 / HuffPost, NYT, USA Today, ...
polnear      ``{train,dev}/text/*.txt`` + ``metadata.tsv``     none / publisher
============ ================================================ ===========================================
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Any

from .._limits import MAX_RECORD_BYTES, MAX_TABLE_BYTES
from .._sanitize import display_path
from ..exceptions import ReadError
from ..model import Corpus, Rejection, corpus_from_records
from ._files import read_text_file

__all__ = ["DATASET_FORMATS", "detect_dataset", "read_allsides", "read_basil", "read_newswcl50", "read_polnear"]

BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
NEWSWCL50_OUTLETS = {"LL": "HuffPost", "L": "The New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}
POLNEAR_OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journal",
}


def _parse_json(text: str) -> tuple[Any, str | None]:
    """A JSON value, or None and the reason it could not be parsed."""
    try:
        return json.loads(text), None
    except RecursionError:
        return None, "invalid JSON: nested too deeply"
    except ValueError as exc:  # JSONDecodeError, the int-digit limit
        return None, f"invalid JSON: {(str(exc).splitlines() or ['?'])[0][:200]}"


def _lines(file: Path, rejected: list[Rejection]) -> list[str]:
    """The lines of a dataset's JSONL file, or none (and a rejection) if it cannot be read."""
    try:
        return read_text_file(file, encoding="utf-8", max_bytes=MAX_TABLE_BYTES).splitlines()
    except ReadError as exc:
        rejected.append(Rejection(exc.path, exc.reason))
        return []


def _need_dir(path: Path, what: str) -> None:
    if not path.is_dir():
        raise ReadError(str(path), f"no such folder ({what})")


def read_basil(path: str | os.PathLike[str]) -> Corpus:
    """Read BASIL (Fan et al. 2019): 300 articles, 100 events x 3 outlets.

    The text is the annotators' sentences, joined with spaces within a paragraph and line breaks
    between paragraphs; ``extra["sentence_offsets"]`` keeps each annotated sentence's offsets so
    that benchmarks can map BASIL's sentence-indexed annotations. Ids are the file stems
    (``<triplet-uuid>_<k>``).

    References
    ----------
    Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., Wang, L. (2019). In Plain Sight:
    Media Bias Through the Lens of Factual Reporting. EMNLP-IJCNLP 2019.
    """
    root = Path(path)
    articles_dir = root / "articles" if (root / "articles").is_dir() else root
    _need_dir(articles_dir, "BASIL articles")
    records: list[dict[str, Any]] = []
    rejected: list[Rejection] = []
    for file in sorted(articles_dir.rglob("*.json")):
        try:
            data, problem = _parse_json(read_text_file(file, encoding="utf-8", max_bytes=MAX_RECORD_BYTES))
        except ReadError as exc:
            data, problem = None, exc.reason
        if problem is None and not isinstance(data, dict):
            problem = f"expected a JSON object, got {type(data).__name__}"
        paragraphs = data.get("body-paragraphs") if problem is None else None
        if problem is None and not isinstance(paragraphs or [], list):
            problem = "'body-paragraphs' is not a list of paragraphs"
        if problem is not None:
            rejected.append(Rejection(display_path(file), problem))
            continue
        paragraphs = [p if isinstance(p, list) else [p] for p in paragraphs or []]
        parts, offsets, pos = [], [], 0
        for p_index, para in enumerate(paragraphs):
            if p_index:
                parts.append("\n")
                pos += 1
            for s_index, sent in enumerate(para):
                sent = " ".join(str(sent).split())
                if s_index:
                    parts.append(" ")
                    pos += 1
                offsets.append([pos, pos + len(sent)])
                parts.append(sent)
                pos += len(sent)
        code = str(data.get("source", "")).lower()
        records.append(
            {
                "_source": str(file),
                "id": file.stem,
                "outlet": BASIL_OUTLETS.get(code, data.get("source")),
                "title": data.get("title") or "",
                "text": "".join(parts),
                "published": data.get("date"),
                "url": data.get("url"),
                "event": data.get("triplet-uuid"),
                "extra": {
                    "dataset": "basil",
                    "source_code": data.get("source"),
                    "uuid": data.get("uuid"),
                    "main_event": data.get("main-event"),
                    "main_entities": data.get("main-entities"),
                    "keywords": data.get("keywords"),
                    "sentence_offsets": offsets,
                },
            }
        )
    return corpus_from_records(
        records, name="basil", source=str(root), on_error="reject", rejected=rejected, sources=[str(root)]
    )


def read_allsides(path: str | os.PathLike[str]) -> Corpus:
    """Read AllSides headline roundups (NeuS release): each story's left / center / right snippets.

    One article per snippet; ``event`` is the AllSides story id, ``outlet`` the snippet's outlet,
    ``extra["side"]`` its AllSides rating (left / center / right) and ``extra["story"]`` the
    roundup headline. The headline-roundup file holds 1,479 snippets of 505 stories (one of its
    506 stories has no snippet).

    References
    ----------
    Lee, N., Bang, Y., Yu, T., Madotto, A., Fung, P. (2022). NeuS: Neutral Multi-News Summarization for
    Mitigating Framing Bias. NAACL 2022.
    """
    root = Path(path)
    files = [root] if root.is_file() else sorted(root.glob("headline_*crawled_all.jsonl"))
    if not files:
        raise ReadError(str(root), "no AllSides roundup file (headline_*_crawled_all.jsonl) found")
    records: list[dict[str, Any]] = []
    rejected: list[Rejection] = []
    for file in files:
        for lineno, line in enumerate(_lines(file, rejected), start=1):
            if not line.strip():
                continue
            story, problem = _parse_json(line)
            if problem is None and not (isinstance(story, dict) and isinstance(story.get("news") or {}, dict)):
                problem = "expected a story object with a 'news' object"
            if problem is not None:
                rejected.append(Rejection(f"{display_path(file)}:{lineno}", problem))
                continue
            for side in ("left", "center", "right"):
                item = (story.get("news") or {}).get(side)
                if not item:
                    continue
                if not isinstance(item, dict):
                    rejected.append(Rejection(f"{display_path(file)}:{lineno} ({side})", "the snippet is not an object"))
                    continue
                body = item.get("newBody") or []
                body = body if isinstance(body, list) else [body]
                text = "\n".join(" ".join(str(p).split()) for p in body if str(p).strip())
                records.append(
                    {
                        "_source": f"{file}:{lineno} ({side})",
                        "id": f"allsides-{story.get('id')}-{side}",
                        "outlet": item.get("newsSource") or f"unknown ({side})",
                        "title": item.get("newsTitle") or "",
                        "text": text,
                        "published": story.get("date"),
                        "url": item.get("newsLink"),
                        "event": str(story.get("id")),
                        "extra": {
                            "dataset": "allsides",
                            "side": side,
                            "stance": item.get("stance_specific") or item.get("stance"),
                            "story": story.get("issue"),
                            "topic": story.get("topic"),
                        },
                    }
                )
    return corpus_from_records(records, name="allsides", source=str(root), on_error="reject", rejected=rejected)


_DETOK = [
    (re.compile(r" ([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r" - "), "-"),
    (re.compile(r'" (.*?) "'), r'"\1"'),
]


def _detokenize(text: str) -> str:
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text


def read_newswcl50(path: str | os.PathLike[str]) -> Corpus:
    """Read NewsWCL50 (Hamborg et al. 2019): 50 articles, 10 events x 5 outlets.

    Reads the full texts from ``newswcl50_docs.derived.jsonl`` (derived from the tokenised
    CoNLL release) and lightly detokenises them; ``extra["tokenized"]`` keeps the tokenised text,
    whose token positions NewsWCL50's annotations use. Ids are ``<event>_<outlet code>``.

    References
    ----------
    Hamborg, F., Zhukova, A., Gipp, B. (2019). Automated Identification of Media Bias by Word Choice and
    Labeling in News Articles. JCDL 2019.
    """
    root = Path(path)
    file = root if root.is_file() else root / "newswcl50_docs.derived.jsonl"
    if not file.is_file():
        raise ReadError(str(file), "NewsWCL50 documents file not found")
    records = []
    rejected: list[Rejection] = []
    for lineno, line in enumerate(_lines(file, rejected), start=1):
        if not line.strip():
            continue
        doc, problem = _parse_json(line)
        if problem is None and not (isinstance(doc, dict) and "doc_id" in doc):
            problem = "expected a document object with a 'doc_id'"
        if problem is not None:
            rejected.append(Rejection(f"{display_path(file)}:{lineno}", problem))
            continue
        tokenized = str(doc.get("text_tokenized") or "")
        lines = tokenized.split("\n")
        records.append(
            {
                "_source": f"{file}:{lineno}",
                "id": str(doc["doc_id"]),
                "outlet": NEWSWCL50_OUTLETS.get(doc.get("outlet"), doc.get("outlet")),
                "title": "",
                "text": "\n".join(_detokenize(x) for x in lines if x.strip()),
                "url": doc.get("url"),
                "event": str(doc.get("event_id")),
                "extra": {"dataset": "newswcl50", "outlet_code": doc.get("outlet"), "tokenized": tokenized},
            }
        )
    return corpus_from_records(records, name="newswcl50", source=str(root), on_error="reject", rejected=rejected)


def read_polnear(path: str | os.PathLike[str], *, splits: tuple[str, ...] = ("train", "dev")) -> Corpus:
    """Read PolNeAR (Newell et al. 2018) article texts with publisher and date from ``metadata.tsv``.

    Ids are the text files' stems; ``extra["split"]`` is the compartment. PolNeAR has no event
    labels (``event`` is None). The texts are read unchanged, so the brat offsets of the
    attribution annotations apply to ``Article.text``.

    References
    ----------
    Newell, E., Margolin, D., Ruths, D. (2018). An Attribution Relations Corpus for Political News.
    LREC 2018.
    """
    root = Path(path)
    _need_dir(root, "PolNeAR")
    meta: dict[str, dict[str, str]] = {}
    meta_file = root / "metadata.tsv"
    records = []
    rejected: list[Rejection] = []
    if meta_file.is_file():
        try:
            text = read_text_file(meta_file, encoding="utf-8", max_bytes=MAX_TABLE_BYTES)
            for row in csv.DictReader(text.splitlines(), delimiter="\t"):
                if row.get("filename"):
                    meta[row["filename"]] = row
        except (ReadError, csv.Error) as exc:
            rejected.append(Rejection(display_path(meta_file), f"metadata not read: {getattr(exc, 'reason', exc)}"))
    for split in splits:
        text_dir = root / split / "text"
        if not text_dir.is_dir():
            rejected.append(Rejection(str(text_dir), f"split {split!r} not present"))
            continue
        for file in sorted(text_dir.glob("*.txt")):
            try:
                body = read_text_file(file, encoding="utf-8", max_bytes=MAX_RECORD_BYTES)
            except ReadError as exc:
                rejected.append(Rejection(exc.path, exc.reason))
                continue
            m = meta.get(file.stem, {})
            publisher = m.get("publisher") or file.stem.split("_", 1)[0]
            authors = [a for a in (m.get("author") or "").split("|") if a and a != "None"]
            records.append(
                {
                    "_source": str(file),
                    "id": file.stem,
                    "outlet": POLNEAR_OUTLETS.get(publisher, publisher),
                    "title": "" if m.get("title") in (None, "None") else m["title"],
                    "text": body,
                    "published": m.get("publication_date") or None,
                    "authors": authors,
                    "extra": {"dataset": "polnear", "split": split, "wire": m.get("wire")},
                }
            )
    return corpus_from_records(records, name="polnear", source=str(root), on_error="reject", rejected=rejected)


DATASET_FORMATS = {
    "basil": read_basil,
    "allsides": read_allsides,
    "newswcl50": read_newswcl50,
    "polnear": read_polnear,
}


def detect_dataset(path: Path) -> str | None:
    """Return the dataset format a folder holds, or None."""
    if not path.is_dir():
        return None
    if (path / "articles").is_dir() and (path / "annotations").is_dir():
        return "basil"
    if any(path.glob("headline_*crawled_all.jsonl")):
        return "allsides"
    if (path / "newswcl50_docs.derived.jsonl").is_file():
        return "newswcl50"
    if (path / "metadata.tsv").is_file() and any((path / s / "text").is_dir() for s in ("train", "dev")):
        return "polnear"
    return None
