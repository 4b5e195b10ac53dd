"""Precision of concept detection and of text flags, measured on labelled sentences in both languages.

The sentences (``tests/search/data/labelled_sentences.tsv``) are vendor and user prose, including the traps that
stem matching fell into ("authentication" → counterfeit, "utilities" → energy, "stored" → retail …) and negated
mentions ("現地への駆けつけ対応は含まれておらず"). Each names every *specific* concept a reader finds in it (generic
concepts such as "security" or "service" point to no category and are not judged), the trap concepts it must not
produce, and the flags it states or denies.

Precision must stay ≥ 0.95 for concepts and for flags; recall is printed and recorded in the JSON written next
to the test run (``PRECISION_REPORT`` env var, optional) so a glossary change shows what it gained or lost.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from search.analysis import (
    CONCEPT_PREFIX,
    GlossaryEntryError,
    _GlossaryIndex,
    analyse,
    concept_weight,
    concept_weights,
    generic_concepts,
    glossary,
)
from search.flags import FLAG_CONCEPTS, text_flags
from search.glossary import CONCEPTS, GENERIC_WEIGHT, GlossaryError, parse_glossary

SENTENCES = Path(__file__).resolve().parent / "data" / "labelled_sentences.tsv"
MINIMUM_PRECISION = 0.95


@dataclass(frozen=True)
class Labelled:
    line: int
    language: str
    text: str
    expected: frozenset[str]
    traps: frozenset[str]
    flags_on: frozenset[str]
    flags_denied: frozenset[str]


def _ids(column: str) -> frozenset[str]:
    return frozenset() if column.strip() == "-" else frozenset(CONCEPT_PREFIX + c for c in column.split())


def load_sentences() -> list[Labelled]:
    sentences = []
    for number, line in enumerate(SENTENCES.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        language, text, expected, traps, flags = line.split("\t")
        flag_words = [] if flags.strip() == "-" else flags.split()
        sentences.append(
            Labelled(
                line=number,
                language=language,
                text=text,
                expected=_ids(expected),
                traps=_ids(traps),
                flags_on=frozenset(f[1:] for f in flag_words if f.startswith("+")),
                flags_denied=frozenset(f[1:] for f in flag_words if f.startswith("-")),
            )
        )
    return sentences


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def evaluate(sentences: list[Labelled]) -> dict:
    generic = generic_concepts()
    concepts = {"all": Score(), "en": Score(), "ja": Score()}
    flags = {"all": Score(), "en": Score(), "ja": Score()}
    wrong: list[str] = []
    missed: Counter[str] = Counter()
    for sentence in sentences:
        found = {c for c in analyse(sentence.text).concepts if c not in generic}
        true_positives = found & sentence.expected
        false_positives = found - sentence.expected
        false_negatives = sentence.expected - found
        stated = text_flags(sentence.text).as_set()
        flag_tp = stated & sentence.flags_on
        flag_fp = stated - sentence.flags_on
        flag_fn = sentence.flags_on - stated
        for key in ("all", sentence.language):
            concepts[key].true_positives += len(true_positives)
            concepts[key].false_positives += len(false_positives)
            concepts[key].false_negatives += len(false_negatives)
            flags[key].true_positives += len(flag_tp)
            flags[key].false_positives += len(flag_fp)
            flags[key].false_negatives += len(flag_fn)
        if false_positives or flag_fp:
            wrong.append(f"line {sentence.line}: {sentence.text} → {sorted(false_positives | flag_fp)}")
        missed.update(false_negatives | {f"flag:{f}" for f in flag_fn})
    return {
        "sentences": len(sentences),
        "concepts": {
            k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4)} for k, s in concepts.items()
        },
        "flags": {
            k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4)} for k, s in flags.items()
        },
        "false_positives": wrong,
        "most_missed": missed.most_common(15),
    }


def _report(result: dict) -> None:
    print(
        json.dumps({k: v for k, v in result.items() if k != "false_positives"}, ensure_ascii=False, indent=1)
    )
    for line in result["false_positives"]:
        print("FP", line)
    path = os.environ.get("PRECISION_REPORT")
    if path:
        Path(path).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


def test_labelled_set_is_large_bilingual_and_names_only_known_concepts():
    sentences = load_sentences()
    assert len(sentences) >= 300
    assert sum(s.language == "ja" for s in sentences) >= 150
    assert sum(s.language == "en" for s in sentences) >= 150
    known = set(glossary().categories)
    for sentence in sentences:
        assert sentence.expected | sentence.traps <= known, sentence.line
        assert not sentence.expected & sentence.traps, sentence.line
        assert sentence.flags_on | sentence.flags_denied <= set(FLAG_CONCEPTS), sentence.line
    assert sum(bool(s.traps) for s in sentences) >= 50
    assert sum(bool(s.flags_denied) for s in sentences) >= 30


def test_concept_detection_precision_is_at_least_95_percent_in_both_languages():
    result = evaluate(load_sentences())
    _report(result)
    for language in ("all", "en", "ja"):
        assert result["concepts"][language]["precision"] >= MINIMUM_PRECISION, (language, result["concepts"])


def test_no_stem_collision_trap_fires():
    fired = []
    for sentence in load_sentences():
        hits = sentence.traps & set(analyse(sentence.text).concepts)
        if hits:
            fired.append((sentence.line, sentence.text, sorted(hits)))
    assert not fired


def test_flag_precision_is_at_least_95_percent_and_negated_mentions_set_no_flag():
    sentences = load_sentences()
    result = evaluate(sentences)
    for language in ("all", "en", "ja"):
        assert result["flags"][language]["precision"] >= MINIMUM_PRECISION, (language, result["flags"])
    stated_though_denied = [
        (s.line, s.text) for s in sentences if s.flags_denied & text_flags(s.text).as_set() - s.flags_on
    ]
    assert not stated_though_denied


# --- the data file -------------------------------------------------------------------------------------------

OLD_IDS = [
    line
    for line in (Path(__file__).resolve().parent / "data" / "concept_ids.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


def test_every_concept_id_indexed_before_the_data_file_still_exists():
    assert set(OLD_IDS) <= {concept.id for concept in CONCEPTS}


def test_specific_concepts_weigh_more_than_broad_and_generic_ones():
    assert concept_weight("c.edr") == 1.0
    assert concept_weight("c.ransomware") < 1.0  # three categories
    assert concept_weight("c.data") < concept_weight("c.dlp")
    assert concept_weight("c.security") == GENERIC_WEIGHT
    assert concept_weight("c.unknown") == 0.0
    assert set(concept_weights()) == {CONCEPT_PREFIX + c.id for c in CONCEPTS}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("edr\tendpoint-protection\t-\n", "line 1: expected 4 TAB-separated columns"),
        (
            "# c\nedr\tendpoint-protection\t-\tEDR\nedr\t-\t-\tXDR\n",
            "line 3: concept id 'edr' already defined on line 2",
        ),
        ("edr\tendpoint-protecton\t-\tEDR\n", "line 1: unknown category endpoint-protecton"),
        ("edr\tendpoint-protection\theavy\tEDR\n", "line 1: weight 'heavy' is not a number"),
        ("edr\tendpoint-protection\t9\tEDR\n", "line 1: weight 9.0 is outside"),
        ("edr\tendpoint-protection\t-\tEDR | | XDR\n", "line 1: empty surface form"),
        ("EDR\tendpoint-protection\t-\tEDR\n", "line 1: concept id 'EDR' must be lower-case"),
        ("edr\tendpoint-protection\t-\tEDR | EDR\n", "line 1: surface listed twice: EDR"),
    ],
)
def test_malformed_glossary_line_is_rejected_with_its_line_number(text, problem):
    with pytest.raises(GlossaryError) as error:
        parse_glossary(text, "glossary.tsv")
    assert f"glossary.tsv, {problem}" in str(error.value)


def test_surface_made_only_of_stop_words_is_rejected_naming_its_line():
    concepts = parse_glossary("x\t-\t-\tthe and of\n", "glossary.tsv")
    with pytest.raises(GlossaryEntryError, match="line 1"):
        _GlossaryIndex(concepts)
