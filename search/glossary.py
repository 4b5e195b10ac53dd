"""The bilingual security-domain glossary that maps Japanese and English wording onto shared concepts.

The entries live in a data file, ``search/data/glossary.tsv``, so staff can extend the vocabulary without touching
code (its header explains the four columns). Each entry is a concept: an id, the platform categories it points to
(used to infer what a need is about when it names no category), a specificity weight and its surface forms in both
languages. ``search.analysis`` matches the surfaces on exact word forms (see the file header for what is folded),
never on stems: a stem collision ("authentication" and "authenticity" share ``authent``) used to admit and boost the
wrong listings.

The file is read once, on first use, and validated as a whole: a malformed line raises :class:`GlossaryError`
naming the file and line, so a bad edit fails the first test or request instead of silently shrinking the
vocabulary. Keep ids stable: they are indexed as ``c.<id>`` tokens.

``CONCEPTS`` remains importable (``from search.glossary import CONCEPTS``) and is loaded lazily.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cpsplatform.taxonomy import SecurityCategory

GLOSSARY_PATH = Path(__file__).resolve().parent / "data" / "glossary.tsv"

#: The platform's category slugs a concept may point to, for validating the data file when it loads.
CATEGORIES = frozenset(SecurityCategory.values)

#: Weight of a concept that points to no category ("security", "service"): present, but it tells offers apart little.
GENERIC_WEIGHT = 0.25
MAX_WEIGHT = 5.0

_ID = re.compile(r"^[a-z0-9]+$")


class GlossaryError(ValueError):
    """The glossary data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Concept:
    id: str
    categories: tuple[str, ...]
    surfaces: tuple[str, ...]
    weight: float = 1.0
    line: int = field(default=0, compare=False)


def default_weight(category_count: int) -> float:
    """Specificity from breadth, IDF-like: one category 1.0, two 0.78, three 0.67 …; none ``GENERIC_WEIGHT``."""
    if category_count == 0:
        return GENERIC_WEIGHT
    total = len(CATEGORIES) + 1
    return round(math.log(1 + (total - 1) / category_count) / math.log(total), 2)


def parse_glossary(text: str, source: str = "glossary") -> tuple[Concept, ...]:
    """Concepts of a glossary file's text; raises :class:`GlossaryError` on the first malformed line."""
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue

        def fail(problem: str, number: int = number) -> GlossaryError:
            return GlossaryError(f"{source}, line {number}: {problem}")

        columns = line.split("\t")
        if len(columns) != 4:
            raise fail(
                f"expected 4 TAB-separated columns (id, categories, weight, surfaces), found {len(columns)}"
            )
        concept_id, categories_text, weight_text, surfaces_text = (column.strip() for column in columns)
        if not _ID.match(concept_id):
            raise fail(f"concept id {concept_id!r} must be lower-case letters and digits")
        if concept_id in seen:
            raise fail(f"concept id {concept_id!r} already defined on line {seen[concept_id]}")
        categories = () if categories_text == "-" else tuple(categories_text.split())
        unknown = [category for category in categories if category not in CATEGORIES]
        if unknown or not categories_text:
            raise fail(f"unknown category {', '.join(unknown) or '(empty)'}; use '-' for none")
        if weight_text == "-":
            weight = default_weight(len(categories))
        else:
            try:
                weight = float(weight_text)
            except ValueError:
                raise fail(f"weight {weight_text!r} is not a number (or '-')") from None
            if not 0 < weight <= MAX_WEIGHT:
                raise fail(f"weight {weight} is outside (0, {MAX_WEIGHT:g}]")
        surfaces = tuple(surface.strip() for surface in surfaces_text.split("|"))
        if not surfaces or any(not surface for surface in surfaces):
            raise fail("empty surface form (check for a doubled or trailing '|')")
        duplicates = sorted({surface for surface in surfaces if surfaces.count(surface) > 1})
        if duplicates:
            raise fail(f"surface listed twice: {', '.join(duplicates)}")
        seen[concept_id] = number
        concepts.append(Concept(concept_id, categories, surfaces, weight, number))
    if not concepts:
        raise GlossaryError(f"{source}: no concepts")
    return tuple(concepts)


@lru_cache(maxsize=1)
def load_concepts() -> tuple[Concept, ...]:
    """The glossary file's concepts, read and validated once per process."""
    try:
        text = GLOSSARY_PATH.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise GlossaryError(f"{GLOSSARY_PATH}: not UTF-8 ({error})") from None
    return parse_glossary(text, str(GLOSSARY_PATH))


def __getattr__(name: str):
    # ``CONCEPTS`` is loaded on first access, not at import (no file reads while Django starts).
    if name == "CONCEPTS":
        return load_concepts()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
