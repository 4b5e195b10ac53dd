"""Yes/no facts read from free text, in both languages, that respect negation.

A listing that says "現地への駆けつけ対応は含まれておらず" or "on-site visits are not included" mentions on-site help,
but does not offer it. Flags such as ``onsite`` drive hard structure in matching (urgent needs prefer on-site
incident help), so a mention under negation must not set them.

How a mention is judged: the text is cut into clauses (sentence ends, semicolons and colons, English commas and
"but/however/although/whereas", Japanese 、 after a clause-final form such as ず/が/けど/て), the glossary concepts
are found in each clause (``search.analysis.concepts_of``), and a concept is *negated* when, within its clause,

- English: a negator precedes it ("no", "not", "without", "excluding", "except", "doesn't" …, but not "not only",
  "no matter", "no extra charge"), or a negative predicate follows it ("… is not included", "… are excluded",
  "… is unavailable", "out of scope");
- Japanese: a negative form follows it (助動詞 ず/ない/ぬ/ません, 無い, or 不可・対象外・不要・なし・非対応・未対応・
  以外・除く・除外), unless the negative closes a request or question ("来てもらえないでしょうか", "〜ませんか").

A concept is *asserted* when at least one of its mentions is not negated. Flags are asserted concepts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from search.analysis import CONCEPT_PREFIX, _sudachi, analyse, concepts_of, normalise

#: Flag name → the glossary concept whose asserted mention sets it.
FLAG_CONCEPTS: dict[str, str] = {
    "onsite": CONCEPT_PREFIX + "onsite",
    "incident_help": CONCEPT_PREFIX + "incidentresponse",
    "round_the_clock": CONCEPT_PREFIX + "24x7",
    "urgent": CONCEPT_PREFIX + "urgent",
}
_FLAG_CONCEPT_SET = frozenset(FLAG_CONCEPTS.values())

# --- clauses ----------------------------------------------------------------------------------------------------

_HARD_BREAK = re.compile(r"[。！？!?;；:：\n•]|\.(?=\s|$)")
_ENGLISH_BREAK = re.compile(
    r",|\b(?:but|however|although|though|whereas|while|yet|instead)\b|\s[-–—]\s|\((?=[^)]*\))|\)",
    re.IGNORECASE,
)
# A Japanese 、 ends a clause when the words before it close one: a negative (ず, なく), a contrast (が, けど,
# ものの), a cause (ので, ため) or a continuative (て, し, おり, あり, でき).
_JAPANESE_BREAK = re.compile(
    r"(?:ず|ずに|なく|ないが|ませんが|が|けど|けれど|けれども|ものの|ので|ため|て|し|おり|あり|でき)、"
)


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of a normalised text."""
    spans: list[tuple[int, int]] = []
    cuts = sorted(
        {0, len(text)}
        | {m.end() for m in _HARD_BREAK.finditer(text)}
        | {m.start() for m in _ENGLISH_BREAK.finditer(text)}
        | {m.end() for m in _JAPANESE_BREAK.finditer(text)}
    )
    for start, end in zip(cuts, cuts[1:], strict=False):
        if text[start:end].strip():
            spans.append((start, end))
    return spans


# --- negation ---------------------------------------------------------------------------------------------------

_APOSTROPHE = r"['’]"
_ENGLISH_NEGATOR_BEFORE = re.compile(
    r"\b(?:not|no|never|without|excluding|exclude|excludes|except|nor|neither|cannot|unable|lacks?|"
    rf"(?:don|doesn|didn|isn|aren|wasn|weren|won|can|couldn|wouldn|shouldn|haven|hasn){_APOSTROPHE}?t)\b",
    re.IGNORECASE,
)
# Negator words that do not deny what follows them.
_ENGLISH_NOT_NEGATION = re.compile(
    r"\b(?:not only|not just|not limited to|no matter|no later than|no more than|no less than|no longer than|"
    r"no (?:extra|additional|hidden|upfront) (?:cost|charge|fee)s?|no[- ]cost|no[- ]charge|at no (?:extra )?cost|"
    r"no problem|without (?:delay|waiting|fail|extra cost|additional cost)|never (?:sleeps?|closes?))\b",
    re.IGNORECASE,
)
_ENGLISH_NEGATIVE_AFTER = re.compile(
    r"\b(?:(?:is|are|was|were|be)\s+(?:not|n[o']t)\s+(?:included|available|offered|provided|covered|supported|"
    r"possible|part)|(?:isn|aren|wasn|weren){apos}t\s+(?:included|available|offered|provided|covered|supported|"
    r"possible|part)|not\s+(?:included|available|offered|provided|covered|supported|possible)|excluded|"
    r"unavailable|unsupported|out of scope|not part of)\b".replace("{apos}", _APOSTROPHE),
    re.IGNORECASE,
)

# Japanese negatives, in Sudachi's normalised form.
_JAPANESE_NEGATIVE_AUX = frozenset({"ず", "ない", "ぬ", "ん"})
_JAPANESE_NEGATIVE_WORDS = frozenset(
    {
        "無い",
        "ない",
        "不可",
        "対象外",
        "不要",
        "無し",
        "なし",
        "非対応",
        "未対応",
        "以外",
        "除く",
        "除外",
        "対応外",
        "範囲外",
        "不可能",
        "未提供",
        "無理",
        "非",
    }
)
# A negative that ends a polite request or question ("来てもらえないでしょうか") asks for the thing.
_JAPANESE_QUESTION_TAIL = frozenset({"か", "かしら", "かな"})
_JAPANESE_COPULA = frozenset({"です", "でしょう", "だろう", "ます", "だ", "の", "ん", "ず"})


def _english_negated(clause: str, start: int, end: int) -> bool:
    before = _ENGLISH_NOT_NEGATION.sub(" ", clause[:start])
    after = _ENGLISH_NOT_NEGATION.sub(" ", clause[end:])
    return bool(_ENGLISH_NEGATOR_BEFORE.search(before) or _ENGLISH_NEGATIVE_AFTER.search(after))


# Negative nouns and verbs that Sudachi may split ("範囲外" → 範囲 + 外), matched on the text itself.
_JAPANESE_NEGATIVE_TEXT = re.compile(r"範囲外|対象外|対応外|不可|不要|無し|なし|以外|除く|除き|除いて|除外")


#: Characters without which no Japanese negative can follow: most clauses skip the Sudachi pass.
_JAPANESE_NEGATIVE_HINT = re.compile(r"[ずぬんな無不外除非未]")


def _japanese_negated(clause: str, end: int, morphemes: list) -> bool:
    """Whether a negative follows position ``end`` of a clause; ``morphemes`` are the clause's (Sudachi)."""
    if _JAPANESE_NEGATIVE_TEXT.search(clause, end):
        return True
    following = [m for m in morphemes if m.begin() >= end]
    for index, morpheme in enumerate(following):
        pos = morpheme.part_of_speech()
        form = morpheme.normalized_form()
        negative = (pos[0] == "助動詞" and form in _JAPANESE_NEGATIVE_AUX) or form in _JAPANESE_NEGATIVE_WORDS
        if not negative:
            continue
        tail = [m.normalized_form() for m in following[index + 1 :]]
        while tail and tail[0] in _JAPANESE_COPULA:
            tail.pop(0)
        if tail and tail[0] in _JAPANESE_QUESTION_TAIL:
            continue
        return True
    return False


_HAS_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class ConceptPolarity:
    """The concepts a text states (``asserted``) and those it mentions only under negation (``negated``)."""

    asserted: frozenset[str]
    negated: frozenset[str]


@lru_cache(maxsize=20_000)
def concept_polarity(text: str | None, only: frozenset[str] | None = None) -> ConceptPolarity:
    """Which glossary concepts a text asserts and which it only negates (limited to ``only`` when given, which
    saves the Japanese clause analysis for the others). Cached per text.

    The concepts are found once over the whole text (the analysis is cached, so after ``analyse(text)`` this costs
    no second segmentation) and each is judged within the clause that holds it."""
    normalised = normalise(text)
    clauses = _clauses(normalised)
    starts = [start for start, _ in clauses]
    morphemes: dict[int, list] = {}
    asserted: set[str] = set()
    negated: set[str] = set()
    for match in concepts_of(normalised):
        if only is not None and match.concept not in only:
            continue
        index = max(bisect_right(starts, match.start) - 1, 0)
        clause_start, clause_end = clauses[index] if clauses else (0, len(normalised))
        clause = normalised[clause_start:clause_end]
        start, end = match.start - clause_start, min(match.end, clause_end) - clause_start
        is_negated = _english_negated(clause, start, end)
        if (
            not is_negated
            and _HAS_JAPANESE.search(clause, end)
            and _JAPANESE_NEGATIVE_HINT.search(clause, end)
        ):
            if index not in morphemes:
                morphemes[index] = list(_sudachi().tokenize(clause))
            is_negated = _japanese_negated(clause, end, morphemes[index])
        (negated if is_negated else asserted).add(match.concept)
    return ConceptPolarity(asserted=frozenset(asserted), negated=frozenset(negated - asserted))


@dataclass(frozen=True, slots=True)
class TextFlags:
    """Yes/no facts stated by a text (see ``FLAG_CONCEPTS``); ``negated`` names the flags only mentioned under
    negation (so an explanation can say "no on-site help stated" truthfully)."""

    onsite: bool = False
    incident_help: bool = False
    round_the_clock: bool = False
    urgent: bool = False
    negated: frozenset[str] = frozenset()

    def as_set(self) -> frozenset[str]:
        return frozenset(name for name in FLAG_CONCEPTS if getattr(self, name))


def text_flags(*texts: str | None) -> TextFlags:
    """The flags several texts (a document's name, summary and description) state between them."""
    asserted: set[str] = set()
    negated: set[str] = set()
    for text in texts:
        # Most texts mention no flag concept at all: the (cached) analysis says so without clause work.
        if text and _FLAG_CONCEPT_SET.intersection(analyse(text).concepts):
            polarity = concept_polarity(text, _FLAG_CONCEPT_SET)
            asserted |= polarity.asserted
            negated |= polarity.negated
    values = {name: concept in asserted for name, concept in FLAG_CONCEPTS.items()}
    only_negated = frozenset(name for name, concept in FLAG_CONCEPTS.items() if concept in negated - asserted)
    return TextFlags(**values, negated=only_negated)
