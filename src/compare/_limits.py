"""Every limit that bounds the time and memory an input can cost, in one place.

Each limit applies to every way in: an article file, a JSONL line, a CSV row, a Parquet row, a
record given to :class:`~compare.Article` directly. An input over a limit is rejected with a reason
that names the limit (a listed :class:`~compare.Rejection` when it is one file or record among
others); nothing is silently truncated. ``docs/limits.md`` gives the measurements behind each value.
"""

from __future__ import annotations

__all__ = [
    "LONGEST_WORD",
    "MAX_ARTICLE_FILE_BYTES",
    "MAX_COLUMNS",
    "MAX_FIELD_CHARS",
    "MAX_FRONT_MATTER_BYTES",
    "MAX_HTML_FILE_BYTES",
    "MAX_NESTING",
    "MAX_NODES",
    "MAX_RECORD_BYTES",
    "MAX_REJECTED_PER_FILE",
    "MAX_TABLE_BYTES",
    "MAX_TABLE_CHARS",
    "MAX_TEXT_CHARS",
    "format_bytes",
]

#: Longest article text, in characters (code points). :func:`compare.analyze` with default options
#: on one article of this size (the costliest kinds of text measured) stays well under 60 s and
#: 2 GB on a 2-core machine; news articles are rarely over 100,000 characters.
MAX_TEXT_CHARS = 500_000

#: Largest field value other than the text (outlet, title, an author, a value in ``extra``...),
#: in characters, and the largest ``extra`` mapping, counted as JSON text.
MAX_FIELD_CHARS = 100_000

#: Largest record: an article file (Markdown / text with front matter), in bytes, or one JSONL
#: line, in characters. Room for the longest text at 4 bytes a character, or written as JSON with
#: ``\\uXXXX`` escapes, plus its metadata; the text limit then applies to the parsed record.
MAX_RECORD_BYTES = 8_000_000

#: Largest article file; the same limit as a JSONL record.
MAX_ARTICLE_FILE_BYTES = MAX_RECORD_BYTES

#: Largest saved HTML page (markup, scripts and styles come on top of the text). Main-text
#: extraction (trafilatura) costs 1.5 to 4.5 s of CPU per MB of paragraphs, growing faster than
#: the size when one paragraph repeats (22.5 s for 5 MB).
MAX_HTML_FILE_BYTES = 3_000_000

#: Largest YAML front-matter header; a header is metadata, and YAML parsing in Python is slow.
MAX_FRONT_MATTER_BYTES = 64_000

#: Largest table file (JSONL, CSV, TSV, Parquet), read as one corpus.
MAX_TABLE_BYTES = 200_000_000

#: Most characters of values a Parquet file may hold once decoded (a 1 MB file can hold a
#: dictionary-encoded column of gigabytes): the same as a JSONL or CSV file of the largest size.
MAX_TABLE_CHARS = MAX_TABLE_BYTES

#: Most columns in a table (CSV header, Parquet schema) or keys in one JSON object.
MAX_COLUMNS = 1_000

#: Deepest nesting of lists and mappings in a JSON record, a YAML header or ``extra``.
MAX_NESTING = 32

#: Most values (scalars, lists and mappings together) in one record's structure.
MAX_NODES = 100_000

#: Most rejected lines or rows listed one by one for one table file; past it the rest of the file
#: is listed as one rejection (a file that is mostly not JSONL / CSV is not read to its end).
MAX_REJECTED_PER_FILE = 1_000

#: Longest word, in characters, whose syllables readability counts with Pyphen (which costs
#: about 15 microseconds per character); a longer "word" is counted by its vowel groups.
LONGEST_WORD = 128


def format_bytes(n: int) -> str:
    """``n`` bytes in decimal units, as the limits are written (``"4.9 MB"``, ``"64 kB"``)."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= size:
            value = n / size
            text = f"{value:.1f}".removesuffix(".0") if value < 100 else f"{value:.0f}"
            return f"{text} {unit}"
    return f"{n} bytes"
