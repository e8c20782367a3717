"""Actor labels: titles, appositives, descriptors and verbs attached to actor mentions (private).

Mentions come from :func:`compare.actors.actor_mentions`. Everything here works from the
Document's tokens with word lists; no tagger or parser is used.

:func:`extract_labels` returns two kinds of rows: *descriptors* (noun phrases that describe the
actor: ``title``, ``descriptor``, ``appositive``, ``predicative``) and *actions* (``verb``: the verb
the actor governs as subject; ``adjective``: an adjective phrase said of the actor after a copula,
"will be brave enough"). :data:`ACTION_KINDS` tells them apart; the family puts them into two
tables (``labels`` and ``actions``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress
from operator import and_, gt, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from ...wordlists import LABEL_REPORT_VERBS, LABEL_STOP_WORDS, SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from ...text import Document

__all__ = [
    "ACTION_KINDS",
    "DEFAULT_RULES",
    "DESCRIPTOR_KINDS",
    "ROLE_NOUNS",
    "LabelRules",
    "extract_labels",
    "group_descriptors",
]

#: kinds of the rows that describe an actor (the ``labels`` table)
DESCRIPTOR_KINDS = ("title", "descriptor", "appositive", "predicative")
#: kinds of the rows that say what an actor does or is said to be like (the ``actions`` table)
ACTION_KINDS = ("verb", "adjective")


class LabelRules(NamedTuple):
    """Switches of the descriptor rules.

    Parameters
    ----------
    epithets : bool
        Extend a title to the left over adjectives and epithets: "illegitimate Russian President"
        (not only "Russian President").
    predicative : bool
        A noun phrase after a copula is a descriptor: "Medinsky is a former culture minister".
    leading_appositive : bool
        A role phrase and a comma before the name: "its leader, Kim Jong-un".
    nominal_mentions : bool
        A lower-case mention resolved to the actor ("the Russian leader") is a descriptor, if it
        shares a word with a title the actor carries in the same article.
    nominal_phrases : bool
        A phrase "the [modifiers] ROLE" that no mention covers ("the North Korean leader", "the
        Israeli prime minister") is a descriptor of the one person of the article whose titles
        contain that role noun (none if two or more do). Off by default: on NewsWCL50 it adds
        correct rows but no gold item that other rows do not already find, and leave-one-event-out
        left it off in 8 of 10 folds.

    Notes
    -----
    The default is the setting chosen by leave-one-event-out on NewsWCL50
    (``benchmarks/bench_labels.py``; ``docs/benchmarks/wordchoice.md``).
    """

    epithets: bool = True
    predicative: bool = True
    leading_appositive: bool = True
    nominal_mentions: bool = True
    nominal_phrases: bool = False


#: the shipped setting of the descriptor rules
DEFAULT_RULES = LabelRules()


#: head nouns of labels for people and groups (singular and plural)
_ROLE_SINGULAR = """
president minister secretary official aide adviser advisor envoy spokesman spokeswoman
spokesperson diplomat ambassador leader chief head director chairman chairwoman chair governor
mayor senator congressman congresswoman representative lawmaker legislator politician candidate
nominee general commander officer soldier negotiator delegate delegation team chancellor premier
king queen prince dictator strongman autocrat oligarch tycoon billionaire businessman activist
protester critic analyst expert observer journalist reporter correspondent editor judge justice
attorney prosecutor lawyer counsel deputy assistant administrator commissioner ally rival
opponent foe enemy supporter founder executive ceo manager mogul magnate pundit host anchor
strategist operative lobbyist donor dissident rebel militant insurgent fighter regime government
administration cabinet spokesperson member figure veteran hawk dove hardliner moderate liberal
conservative progressive populist nationalist
""".split()  # noqa: SIM905
ROLE_NOUNS = frozenset(
    _ROLE_SINGULAR + [w + "s" for w in _ROLE_SINGULAR] + ["secretaries", "chiefs", "attorneys"]
)
#: modifiers that may stand inside a label before its head noun
_MODIFIERS = frozenset(
    """
    junior senior top former ex acting interim deputy vice chief foreign defense defence interior
    national security state culture finance economy justice prime first special personal longtime
    top-level high-ranking high-level low-level mid-level lower-level senior-level powerful
    influential controversial embattled disgraced veteran key leading prominent outspoken hardline
    moderate radical western eastern northern southern european russian ukrainian american chinese
    military civilian presidential congressional federal local regional top-ranking trade health
    labor labour energy white house press intelligence foreign-policy policy economic political
    opposition
    """.split()  # noqa: SIM905
)
_TITLE_MODIFIERS = frozenset(
    """
    deputy vice prime foreign defense defence interior state culture finance justice first acting
    interim former chief senior general national security attorney press
    """.split()  # noqa: SIM905
)
_DETERMINERS = frozenset(["a", "an", "the"])
_STOP = LABEL_STOP_WORDS
_AUX = frozenset(
    """
    has have had having will would shall should can could may might must did does do is was are were
    be been being 's ’s wo ca 'd ’d 'll ’ll
    """.split()  # noqa: SIM905
)
_BE = frozenset(["is", "was", "are", "were", "be", "been", "being", "'s", "’s"])
_ADVERBS = frozenset(
    """
    not never also still already again just even then now so far once previously repeatedly
    reportedly allegedly apparently quickly swiftly promptly openly publicly privately finally
    ultimately instead often rarely always sometimes soon later earlier yet n't ’t n’t
    """.split()  # noqa: SIM905
)
_IRREGULAR_PAST = frozenset(
    """
    said told met sent left made took gave came went saw knew thought got held led won lost ran
    fought spoke wrote broke began chose drew fell felt found hid kept meant paid put quit read rose
    sought sold set shut sat stood struck swore taught threw understood withdrew overtook undertook
    upheld forbade forgave brought bought caught built dealt heard hit hung laid lay let lit rode
    rang shot shook slid spent split spread stuck stole swept swung tore wore won wound
    """.split()  # noqa: SIM905
)
_REPORT = LABEL_REPORT_VERBS
_DASHES = frozenset("—–-")
#: words that make a title a title (besides role nouns): modifiers and abbreviated ranks
_TITLE_WORDS = _TITLE_MODIFIERS | frozenset(
    """
    sen rep gov gen lt col maj capt adm sgt prof rev pres amb atty supt insp cmdr sec lord lady
    sheikh ayatollah pope cardinal bishop rabbi imam emir sultan crown
    """.split()  # noqa: SIM905
)
_ROLE_OR_TITLE_MODIFIER = ROLE_NOUNS | _TITLE_MODIFIERS
_PLURAL_ROLE_NOUNS = frozenset(w for w in ROLE_NOUNS if w.endswith("s"))
#: courtesy titles: not labels
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mme", "m"])
_RELATIVE = frozenset(["who", "whom", "whose", "which", "that", "where", "when"])
_first_char = itemgetter(0)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.\-]*$")


def _title_case_columns(doc: Document) -> tuple[list[bool], list[bool]]:
    """0/1 columns over ``doc.tokens``: content word (a word not in ``_STOP``), and capitalised
    content word; :func:`_is_title_case_range` sums slices of them."""
    content = list(map(gt, map("word".__eq__, doc.token_kinds), map(_STOP.__contains__, doc.token_lowers)))
    upper = map(str.isupper, map(_first_char, doc.token_texts))
    return content, list(map(and_, content, upper))


def _is_title_case_range(cols: tuple[list[bool], list[bool]], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` are written in title case: at least 3 content words, more than 70 %
    of them capitalised (``cols`` from :func:`_title_case_columns`)."""
    n = sum(cols[0][a:b])
    if n < 3:
        return False
    return sum(cols[1][a:b]) / n > 0.7


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------
def _span_tokens(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    starts = doc.token_starts
    i0 = bisect_left(starts, start)
    i1 = bisect_left(starts, end, i0)
    if i0 >= len(starts) or i1 <= i0:
        return None
    return i0, i1


def _is_modifier(kind: str, text: str, low: str) -> bool:
    """Whether a token (its kind, text and lower-cased text) can modify a role noun in a label."""
    if kind != "word" or low in _STOP or low in _AUX:
        return False
    if "." in text[1:-1] and max(map(len, text.split("."))) > 3:
        return False  # "added.Ukrainian": two words glued by a missing space, not "U.S."
    if low in _MODIFIERS or low in ROLE_NOUNS:
        return True
    if text[:1].isupper():
        return True
    return low.endswith(_MODIFIER_ENDINGS) and len(low) > 4 and low not in _VERBS_LIKE_MODIFIERS


_MODIFIER_ENDINGS = ("al", "ian", "ic", "ive", "ern", "ese", "ish", "ior", "ary")
#: verbs with an adjective's ending ("give President X a chance", "arrive", "publish")
_VERBS_LIKE_MODIFIERS = frozenset(
    """
    give gives live lives drive drives arrive arrives receive receives deceive survive survives
    forgive revive strive derive deprive thrive punish punishes publish publishes finish finishes
    establish abolish demolish diminish vanish banish cherish nourish relish accomplish flourish
    polish perish wish appeal reveal conceal propose dispose
    """.split()  # noqa: SIM905
)


#: adjectives and participles that may stand before a title as an epithet ("disgraced former
#: President", "self-proclaimed leader"); other lower-case words qualify by their ending
_EPITHETS = frozenset(
    """
    alleged accused convicted indicted jailed imprisoned exiled ousted deposed toppled sanctioned
    detained wanted embattled beleaguered disgraced discredited unelected elected re-elected
    designated so-called self-proclaimed self-styled self-declared late murdered slain assassinated
    besieged isolated feared revered celebrated respected renowned acclaimed vaunted hated despised
    beloved troubled tainted failed reclusive notorious brutal corrupt ruthless authoritarian slain
    autocratic tyrannical bloodthirsty murderous illegitimate legitimate rogue puppet hawkish dovish
    bellicose belligerent charismatic erratic unpredictable mercurial populist far-right far-left
    hard-line hardline right-wing left-wing ultranationalist nationalist strongman longtime
    long-time long-serving newly incoming outgoing departing sitting current then-president
    """.split()  # noqa: SIM905
)
_EPITHET_ENDINGS = (
    "al", "ian", "ic", "ive", "ern", "ese", "ish", "ior", "ary", "ous", "ful", "less", "able", "ible",
    "ate", "ant", "ent", "ile", "id",
)


#: words after which a participle ("jailed", "accused") reads as an adjective, not a verb
_BEFORE_PARTICIPLE = frozenset(
    """
    a an the his her its their our my your this that these those of with for to by from at on in
    about against between like after before
    """.split()  # noqa: SIM905
)


def _is_epithet(doc: Document, j: int, sent_lo: int) -> bool:
    """Whether the lower-case word ``j`` before a title reads as an adjective or epithet.

    A participle ("accused", "jailed") counts only after a determiner or a preposition, or at the
    start of the sentence: "the jailed opposition leader", but not "Navalnaya accused Russian
    President" nor "Navalny's widow, accused President".
    """
    text = doc.token_texts[j]
    low = doc.token_lowers[j]
    if not text[:1].islower() or low in _STOP or low in _AUX or low in _ADVERBS or low in _IRREGULAR_PAST:
        return False
    if low in _VERBS_LIKE_MODIFIERS or low in _REPORT or ("." in low and max(map(len, low.split("."))) > 3):
        return False
    if low.endswith("ed") and "-" not in low:
        p = j - 1
        return p < sent_lo or (doc.token_kinds[p] == "word" and doc.token_lowers[p] in _BEFORE_PARTICIPLE)
    if low in _EPITHETS:
        return True
    if "-" in low and not low.endswith(("'s", "’s")):
        return True  # "Kremlin-backed", "war-mongering", "so-called"
    return low.endswith(_EPITHET_ENDINGS) and len(low) > 4


def _title_before(
    doc: Document, i0: int, sent_lo: int, *, epithets: bool = True
) -> tuple[int, int, str] | None:
    """Label standing right before a name: "Russian President", "Putin's aide".

    Going left from the name: role nouns, modifiers and (with ``epithets``) adjectives. An "of"
    is crossed only while no role noun stands between it and the name ("Secretary of State Marco
    Rubio"); "representative of U.S. Leader Donald Trump" gives Trump "U.S. Leader" only, as the
    representative is someone else.
    """
    tokens = doc.tokens
    kinds = doc.token_kinds
    lows = doc.token_lowers
    texts = doc.token_texts
    j = i0 - 1
    if j < sent_lo or kinds[j] != "word" or lows[j] not in _ROLE_OR_TITLE_MODIFIER:
        return None
    has_role = False
    k = i0
    while j >= sent_lo:
        low = lows[j]
        kind = kinds[j]
        if kind != "word":
            break
        text = texts[j]
        if low in ROLE_NOUNS:
            has_role = True
            k = j
        elif low == "of" and j - 1 >= sent_lo and lows[j - 1] in ROLE_NOUNS:
            if has_role:
                break  # "representative of U.S. Leader X": the head before "of" is not X's
            k = j
        elif text.endswith(("'s", "’s")) and text[:1].isupper():
            k = j
            break  # "Putin's aide": the possessor closes the label
        elif (_is_modifier(kind, text, low) and low not in _DETERMINERS) or (epithets and has_role and _is_epithet(doc, j, sent_lo)):
            k = j
        else:
            break
        j -= 1
    if not has_role or k >= i0:
        return None
    toks = tokens[k:i0]
    text = doc.text[toks[0].start : toks[-1].end]
    words = [t for t in toks if t.kind == "word" and t.text.lower() != "of"]
    kind = (
        "title"
        if all(w.text[:1].isupper() and not w.text.endswith(("'s", "’s")) for w in words)
        else "descriptor"
    )
    return toks[0].start, toks[-1].end, kind if text else ""


def _title_inside(doc: Document, i0: int, i1: int) -> tuple[int, int] | None:
    """A title at the start of a mention's own words ("CIA Director Mike Pompeo" found as one
    name): the words up to the last role noun, if two or more capitalised words follow it."""
    lows = doc.token_lowers
    texts = doc.token_texts
    last = None
    for j in range(i0, i1):
        if lows[j] in ROLE_NOUNS and texts[j][:1].isupper():
            last = j
        elif not (texts[j][:1].isupper() or lows[j] == "of"):
            return None
    if last is None or i1 - (last + 1) < 2 or lows[last + 1] == "of":
        return None
    if not all(texts[j][:1].isupper() and lows[j] not in ROLE_NOUNS for j in range(last + 1, i1)):
        return None
    return doc.tokens[i0].start, doc.tokens[last].end


_APPOSITIVE_OPENERS = frozenset({",", "(", *_DASHES})
#: verbs that make a comma phrase a clause, not an apposition ("the lawsuit alleges")
_APPOSITIVE_VERBS = SPEECH_VERBS | frozenset(
    """
    allege alleges alleged insist insists insisted warn warns warned write writes wrote show shows
    showed suggest suggests suggested read reads
    """.split()  # noqa: SIM905
)
_PAREN_CLOSE = frozenset({")"})
_COMMA = frozenset({","})


def _appositive_after(doc: Document, i1: int, sent_hi: int) -> tuple[int, int, int] | None:
    """Appositive right after a name: ", the Y of Z,", " — a former culture minister —", " (a Y)"."""
    tokens = doc.tokens
    if i1 >= sent_hi:
        return None
    opener = tokens[i1].text
    if opener not in _APPOSITIVE_OPENERS:
        return None
    closers = _PAREN_CLOSE if opener == "(" else (_COMMA if opener == "," else _DASHES)
    j = i1 + 1
    end = None
    while j < sent_hi and j - i1 <= 14:
        t = tokens[j]
        if t.text == "-" and (t.start == tokens[j - 1].end or (j + 1 < sent_hi and tokens[j + 1].start == t.end)):
            return None  # "a 42-year-old": a hyphen inside a compound, not a dash
        if t.text in closers or (t.kind == "punct" and t.text in ".;:!?"):
            end = j
            break
        if opener != "," and t.text == ",":
            pass
        elif t.text == "," or t.text in _DASHES:
            end = j
            break
        j += 1
    if end is None:
        end = j if j == sent_hi else None
    if end is None or end <= i1 + 1:
        return None
    toks = tokens[i1 + 1 : end]
    kinds = doc.token_kinds
    all_lows = doc.token_lowers
    lows = [all_lows[x] for x in range(i1 + 1, end) if kinds[x] == "word"]
    if not lows or len(lows) > 12:
        return None
    first = toks[0]
    if first.kind != "word":
        return None  # '" the agency interlocutor stressed': a quotation's end, not an apposition
    starts_ok = (
        lows[0] in _DETERMINERS
        or lows[0] in {"former", "then", "who's"}
        or first.text.endswith(("'s", "’s"))
        or lows[0] in ROLE_NOUNS
        or lows[0] in _MODIFIERS
    )
    if not starts_ok or any(w in _REPORT or w in _APPOSITIVE_VERBS or w in _RELATIVE or w in _AUX for w in lows):
        return None
    if not any(w in ROLE_NOUNS for w in lows) and lows[0] not in _DETERMINERS:
        return None
    return toks[0].start, toks[-1].end, end


_PARTICLES = frozenset(["out", "up", "down", "off", "back", "away"])
_CLAUSE_OPENERS = frozenset(
    "and but while as when after because although though since if so yet whereas meanwhile".split()  # noqa: SIM905
)
_POSS_DET = frozenset(["its", "his", "her", "their", "our", "my", "your"])


def _appositive_before(doc: Document, i0: int, sent_lo: int) -> tuple[int, int] | None:
    """Role phrase, comma, name: "its leader, Kim Jong-un"; "the director of X's Service, Suh Hoon"."""
    tokens = doc.tokens
    j = i0 - 1
    if j - 1 < sent_lo or tokens[j].text != ",":
        return None
    k = j
    has_role = False
    ok_start = False
    m = j - 1
    kinds = doc.token_kinds
    lows = doc.token_lowers
    texts = doc.token_texts
    while m >= sent_lo and j - m <= 10:
        kind = kinds[m]
        low = lows[m]
        if kind != "word":
            break
        if low in _DETERMINERS or low in _POSS_DET:
            k = m
            ok_start = True
            break
        if low in ROLE_NOUNS:
            has_role = True
        elif not (low == "of" or _is_modifier(kind, texts[m], low) or texts[m].endswith(("'s", "’s"))):
            break
        k = m
        m -= 1
    if not has_role or not ok_start or k >= j:
        return None
    return tokens[k].start, tokens[j - 1].end


def _verb_after(doc: Document, i1: int, sent_hi: int, headline: bool) -> int | None:
    """Token index of the verb governed by the actor ending at token ``i1``: actor [aux/adv]* VERB."""
    texts = doc.token_texts
    kinds = doc.token_kinds
    lows = doc.token_lowers
    if i1 - 1 >= 0 and texts[i1 - 1].endswith(("'s", "’s")):
        return None
    if i1 < sent_hi and texts[i1] in {"'s", "’s", "'", "’"}:
        return None
    j = i1
    # skip a parenthetical attribution: "Putin, Western diplomats say, continues"
    if j < sent_hi and texts[j] == ",":
        k = j + 1
        while k < sent_hi and k - j <= 7 and texts[k] != ",":
            k += 1
        if k < sent_hi and texts[k] == "," and any(lows[x] in _REPORT for x in range(j + 1, k)):
            j = k + 1
        else:
            return None
    saw_aux = False
    last_aux = ""
    while j < sent_hi:
        low = lows[j]
        if kinds[j] != "word":
            return None
        if low in _AUX:
            saw_aux, last_aux = True, low
        elif low in _ADVERBS or (
            low.endswith("ly") and len(low) > 4 and low not in {"rally", "supply", "reply", "apply"}
        ):
            pass
        else:
            break
        j += 1
    else:
        return None
    low = lows[j]
    if low in _STOP or (texts[j][:1].isupper() and not headline):
        return None
    verbal = (
        low in _IRREGULAR_PAST
        or low.endswith("ed")
        or (
            low.endswith("s")
            and not low.endswith(("ss", "us", "is", "ous", "ings", "ics", "ns"))
            and len(low) > 3
        )
    )
    if saw_aux:
        if last_aux in _BE and not low.endswith(("ed", "ing")) and low not in _IRREGULAR_PAST:
            return None  # copula + adjective or noun
        return j
    return j if verbal else None


_COPULAS = frozenset(
    """
    is was are were be been being became becomes become remains remained seems seemed 's ’s
    """.split()  # noqa: SIM905
)
_PRED_STOP = frozenset(
    """
    to in on at for with by from of about after before during than that who which
    """.split()  # noqa: SIM905
)


_VAGUE_NOUNS = frozenset(
    """
    one ones thing things way time part case first last same only kind lot number reason problem
    """.split()  # noqa: SIM905
)


def _predicate_after(doc: Document, i1: int, sent_hi: int) -> tuple[int, int, str] | None:
    """Predicate after a copula (max 4 words), with its kind.

    "Medinsky is a former culture minister" -> ("a former culture minister", "predicative"): a
    noun phrase, which describes the actor; "Putin will be brave enough" -> ("brave enough",
    "adjective"): said of the actor, an action-table row rather than a descriptor.
    """
    tokens = doc.tokens
    kinds = doc.token_kinds
    lows = doc.token_lowers
    if i1 < sent_hi and tokens[i1].text in {"'s", "’s"}:
        return None
    j = i1
    cop = False
    while j < sent_hi and kinds[j] == "word":
        low = lows[j]
        if low in _COPULAS:
            cop = True
        elif low in _AUX or low in _ADVERBS:
            pass
        else:
            break
        j += 1
    if not cop or j >= sent_hi:
        return None
    k = j
    while k < sent_hi and k - j < 4:
        low = lows[k]
        if kinds[k] != "word" or low in _PRED_STOP or low in _AUX:
            break
        k += 1
    if k == j:
        return None
    first = lows[j]
    if first in _DETERMINERS or first in _POSS_DET:
        if k - j < 2 or lows[k - 1] in _VAGUE_NOUNS or lows[k - 1] in _STOP:
            return None
        return tokens[j].start, tokens[k - 1].end, "predicative"
    if first in _STOP:
        return None
    return tokens[j].start, tokens[k - 1].end, "adjective"


_NEGATIONS = frozenset(["not", "never", "n't", "n’t", "no"])


_SINGULAR_ROLES = frozenset(_ROLE_SINGULAR) - {"regime", "government", "administration", "cabinet", "team", "delegation"}


def _nominal_phrases(doc: Document) -> list[tuple[int, int, str, int]]:
    """(start, end, head, sentence) of phrases "the [modifier]* ROLE" not followed by a name."""
    lows = doc.token_lowers
    texts = doc.token_texts
    kinds = doc.token_kinds
    out = []
    n = len(lows)
    for i in range(n):
        if lows[i] != "the" or kinds[i] != "word":
            continue
        sent = doc.tokens[i].sentence
        j = i + 1
        while j < n and j - i <= 4 and doc.tokens[j].sentence == sent and kinds[j] == "word":
            if lows[j] in _SINGULAR_ROLES:
                break
            if not _is_modifier(kinds[j], texts[j], lows[j]) or texts[j].endswith(("'s", "’s")):
                j = n
                break
            j += 1
        if j >= n or j - i > 4 or lows[j] not in _SINGULAR_ROLES or doc.tokens[j].sentence != sent:
            continue
        nxt = j + 1
        if nxt < n and kinds[nxt] == "word" and (texts[nxt][:1].isupper() or lows[nxt] in _SINGULAR_ROLES or lows[nxt] == "of"):
            continue  # a title before a name ("the Russian President Vladimir Putin"), or "the head of ..."
        out.append((doc.tokens[i].start, doc.tokens[j].end, lows[j], sent))
    return out


def _content_words(text: str) -> set[str]:
    return {w for w in text.lower().replace("’", "'").split() if w not in _STOP and w not in _HONORIFICS}


def extract_labels(
    doc: Document, mentions: Sequence[Any], *, rules: LabelRules = DEFAULT_RULES
) -> list[dict[str, Any]]:
    """Descriptor and action rows (actor, label, kind, sentence, start, end, negated, in_quote).

    ``kind`` is one of :data:`DESCRIPTOR_KINDS` or :data:`ACTION_KINDS`; ``negated`` tells whether a
    negation stands between the actor and its verb ("has not ignored"); ``in_quote`` whether the
    words stand inside a quotation.
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, int, str]] = set()
    sentences = doc.sentences
    headline_cache: dict[int, bool] = {}
    title_cols: tuple[list[bool], list[bool]] | None = None
    quotes = doc.quotes

    def add(actor: str, start: int, end: int, kind: str, sentence: int, negated: bool = False) -> None:
        key = (start, end, actor)
        if key in seen or end <= start:
            return
        seen.add(key)
        rows.append(
            {
                "actor": actor,
                "label": doc.text[start:end],
                "kind": kind,
                "sentence": sentence,
                "start": start,
                "end": end,
                "negated": negated,
                "in_quote": any(q.start <= start < q.end for q in quotes),
            }
        )

    person_starts = sorted(m.start for m in mentions if m.kind == "person")
    persons = {m.actor for m in mentions if m.kind == "person"}
    spans: list[tuple[Any, int, int, int, Any]] = []
    titled: dict[str, set[str]] = {}  # actor -> words of its titles in this article
    for m in mentions:
        span = _span_tokens(doc, m.start, m.end)
        if span is None:
            continue
        i0, i1 = span
        si = m.sentence if m.sentence is not None else doc.tokens[i0].sentence
        s = sentences[si]
        before = _title_before(doc, i0, s.token_start, epithets=rules.epithets)
        spans.append((m, i0, i1, si, before))
        words = titled.setdefault(m.actor, set())
        words.update(_content_words(getattr(m, "title", "") or ""))
        if before is not None and before[2]:
            words.update(_content_words(doc.text[before[0] : before[1]]))

    for m, i0, i1, si, before in spans:
        s = sentences[si]
        title = getattr(m, "title", "") or ""
        # nominal mention ("the Russian leader"): the phrase is the label, if it agrees with a
        # title the actor has in this article (a resolution to the wrong person is not kept)
        if (
            rules.nominal_mentions
            and m.text[:1].islower()
            and m.text.lower() != str(m.actor).lower()
            and _content_words(m.text) & titled.get(m.actor, set())
        ):
            add(m.actor, m.start, m.end, "descriptor", si)
        if before is not None and before[2]:
            add(m.actor, before[0], before[1], before[2], si)
        inner = _title_inside(doc, i0, i1)
        if inner is not None:
            add(m.actor, inner[0], inner[1], "title", si)
        person_like = bool(title) and any(
            w.lower().rstrip(".") in ROLE_NOUNS or w.lower().rstrip(".") in _TITLE_WORDS
            for w in title.split()
        )
        if title and person_like and title.lower().rstrip(".") not in _HONORIFICS:
            pos = doc.text.rfind(title, s.start, m.end)
            inside = before is not None and before[0] <= pos and pos + len(title) <= before[1]
            if pos >= 0 and not inside:
                add(m.actor, pos, pos + len(title), "title", si)
        if si not in headline_cache:
            if title_cols is None:
                title_cols = _title_case_columns(doc)
            headline_cache[si] = _is_title_case_range(title_cols, s.token_start, s.token_end)
        if rules.leading_appositive:
            lead = _appositive_before(doc, i0, s.token_start)
            # "..., the Russian president, Yuri Ushakov said": a name followed by its verb is the
            # speaker of the sentence, not the apposition of the phrase before the comma
            if lead is not None and _verb_after(doc, i1, s.token_end, headline_cache[si]) is None:
                add(m.actor, lead[0], lead[1], "appositive", si)
        app = _appositive_after(doc, i1, s.token_end)
        if app is not None and doc.token_lowers[i1 + 1] not in _DETERMINERS | _POSS_DET:
            # "Blinken, National Security Advisor Jake Sullivan and ...": a list of people, not an
            # apposition (one that opens with "the"/"a" may name another: "the mother of ... Navalny")
            k = bisect_left(person_starts, app[0])
            if k < len(person_starts) and person_starts[k] < app[1]:
                app = None
        after = i1
        if app is not None:
            add(m.actor, app[0], app[1], "appositive", si)
            if app[2] < s.token_end and doc.tokens[app[2]].text in {",", ")", *_DASHES}:
                # "Lavrov, the foreign minister, said" -> said; but only for a clause-initial
                # name ("decision to send Medinsky — a former minister — signals" is not his verb)
                head = before[0] if before is not None else m.start
                span0 = _span_tokens(doc, head, m.end)
                p = (span0[0] if span0 else i0) - 1
                if (
                    p < s.token_start
                    or doc.tokens[p].kind == "punct"
                    or doc.token_lowers[p] in _CLAUSE_OPENERS
                ):
                    after = app[2] + 1
                else:
                    after = -1
        v = None if after < 0 else _verb_after(doc, after, s.token_end, headline_cache[si])
        if v is not None:
            t = doc.tokens[v]
            end = t.end
            nxt = doc.tokens[v + 1] if v + 1 < s.token_end else None
            if nxt is not None and doc.token_lowers[v + 1] in _PARTICLES:
                end = nxt.end  # phrasal verb: "lashed out", "backed down"
            negated = any(low in _NEGATIONS for low in doc.token_lowers[after:v])
            add(m.actor, t.start, end, "verb", si, negated)
        elif after >= 0:
            pred = _predicate_after(doc, after, s.token_end)
            if pred is not None and (pred[2] == "adjective" or rules.predicative):
                p0 = _span_tokens(doc, pred[0], pred[1])
                negated = p0 is not None and any(low in _NEGATIONS for low in doc.token_lowers[after : p0[0]])
                add(m.actor, pred[0], pred[1], pred[2], si, negated)
    if rules.nominal_phrases:
        covered = [(m.start, m.end) for m in mentions]
        for start, end, head, si in _nominal_phrases(doc):
            if any(a < end and start < b for a, b in covered):
                continue
            owners = [a for a in titled if head in titled[a] and a in persons]
            if len(owners) == 1:
                add(owners[0], start, end, "descriptor", si)
    return rows


def group_descriptors(doc: Document, covered: set[int]) -> list[dict[str, Any]]:
    """Unnamed group labels ("junior officials", "Western diplomats"): modifier(s) + plural role noun.

    The actor is the head noun (``"officials"``); phrases that end right before a name are titles
    and are skipped, as are tokens in ``covered`` (inside actor mentions).
    """
    tokens = doc.tokens
    kinds = doc.token_kinds
    lows = doc.token_lowers
    texts = doc.token_texts
    sentences = doc.sentences
    rows = []
    # candidates: plural role nouns (C-level filter), in text order
    for j in compress(range(len(lows)), map(_PLURAL_ROLE_NOUNS.__contains__, lows)):
        low = lows[j]
        if kinds[j] != "word" or j in covered:
            continue
        t = tokens[j]
        s_i = t.sentence
        s = sentences[s_i]
        if j + 1 < s.token_end and kinds[j + 1] == "word" and _NAME_TOKEN.match(texts[j + 1]):
            continue
        k = j
        while k - 1 >= s.token_start:
            if (k - 1) in covered or not _is_modifier(kinds[k - 1], texts[k - 1], lows[k - 1]):
                break
            if texts[k - 1][:1].isupper() and k - 1 == s.token_start and lows[k - 1] in _STOP:
                break
            k -= 1
        if k == j:
            continue
        start, end = tokens[k].start, t.end
        rows.append(
            {
                "actor": low,
                "label": doc.text[start:end],
                "kind": "descriptor",
                "sentence": s_i,
                "start": start,
                "end": end,
                "negated": False,
                "in_quote": doc.in_quote(start),
            }
        )
    return rows
