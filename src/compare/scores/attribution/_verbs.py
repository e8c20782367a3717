"""Communication, belief and stance verbs: a fixed word list for the attribution tagger.

The cue model's learned vocabulary (``attribution_model.json``) holds only words seen as part of
a cue in the PolNeAR train split; reporting verbs that are rare there ("quipped", "lamented",
"theorized") are never scored. Every form of a verb listed here is a cue candidate as well, the
first stage has feature templates over "is on the list" (alone and with the candidate's
context), and the second stage has three columns for it ("verb_list", "verb_list_only": on the
list but not in the learned vocabulary, and that flag times the first-stage logit). Whether a
listed word is a cue in its sentence is still decided by the learned weights: the list only
widens what is looked at.

Provenance: written by hand for this project from general knowledge of English reporting,
communication, belief (cognition) and stance verbs; it was not derived from any corpus, and in
particular not from PolNeAR dev (nor test). It has single lower-case words only (no multi-word
forms). Licence: the project's (MIT).

Word forms: :func:`inflect` adds to each base verb ``-s``, ``-es``, ``-d``, ``-ed`` and
``-ing`` (dropping a final "e" before ``-ed`` / ``-ing``), ``-ies`` / ``-ied`` after a consonant
+ "y", a doubled final consonant before ``-ed`` / ``-ing`` after a consonant-vowel-consonant
ending ("admitted"), and the irregular forms of :data:`IRREGULAR`. The rules over-generate on
purpose (simple and complete for regular verbs); the non-words they make ("sayd", "addes") never
match a token and cost nothing.
"""

from __future__ import annotations

__all__ = ["IRREGULAR", "VERBS", "VERB_FORMS", "inflect"]

#: Base forms (179 verbs; both British and American spellings where they differ).
VERBS: tuple[str, ...] = (
    # reporting and communication
    "say", "tell", "state", "claim", "argue", "assert", "insist", "contend", "maintain", "declare",
    "announce", "report", "note", "observe", "remark", "comment", "add", "explain", "describe",
    "mention", "write", "tweet", "testify", "reply", "respond", "answer", "ask", "question",
    "inquire", "wonder", "reveal", "disclose", "indicate", "confirm", "repeat", "reiterate",
    "recount", "recall", "cite", "quote", "proclaim", "inform", "notify", "shout", "yell",
    "whisper", "mutter", "joke", "quip", "retort", "echo", "stress", "emphasize", "emphasise",
    "underscore", "highlight", "signal", "hint", "imply", "insinuate",
    # suggestion, request and commitment
    "suggest", "propose", "recommend", "urge", "advise", "warn", "caution", "encourage", "demand",
    "request", "order", "instruct", "beg", "plead", "appeal", "call", "lobby", "campaign", "push",
    "press", "promise", "pledge", "vow", "swear", "threaten", "assure", "reassure", "convince",
    "persuade",
    # admission and denial
    "admit", "acknowledge", "concede", "confess", "deny", "dispute", "reject", "refute", "rebut",
    "counter", "defend", "vouch",
    # evaluation and stance
    "criticize", "criticise", "condemn", "decry", "blame", "accuse", "allege", "charge",
    "complain", "lament", "praise", "hail", "applaud", "welcome", "celebrate", "thank",
    "congratulate", "boast", "brag", "scoff", "mock", "ridicule", "dismiss", "downplay",
    "apologize", "attack", "slam", "blast", "chide", "rebuke", "characterize", "label", "dub",
    "term", "brand", "portray", "tout", "agree", "disagree", "concur", "oppose", "support",
    "endorse", "favor", "favour",
    # belief, cognition, expectation
    "think", "believe", "feel", "know", "doubt", "suspect", "hope", "fear", "worry", "expect",
    "assume", "guess", "reckon", "consider", "conclude", "decide", "remember", "predict",
    "forecast", "estimate", "speculate", "theorize", "want", "wish", "prefer", "plan", "intend",
    "seek",
    # evidence
    "show", "demonstrate", "prove", "find", "discover",
)  # fmt: skip

#: Irregular past / participle forms of listed verbs.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "think": ("thought",),
    "know": ("knew", "known"),
    "feel": ("felt",),
    "write": ("wrote", "written"),
    "find": ("found",),
    "swear": ("swore", "sworn"),
    "show": ("shown",),
    "seek": ("sought",),
}

_VOWELS = "aeiou"


def inflect(verb: str) -> frozenset[str]:
    """The base form ``verb`` and its generated inflections (see the module docstring)."""
    out = {verb, verb + "s", verb + "es", verb + "d"}
    e = verb.removesuffix("e")
    out |= {e + "ed", e + "ing"}
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        out |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) >= 3 and verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        out |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    out.update(IRREGULAR.get(verb, ()))
    return frozenset(out)


#: Every word form of :data:`VERBS` (lower case).
VERB_FORMS: frozenset[str] = frozenset().union(*map(inflect, VERBS))
