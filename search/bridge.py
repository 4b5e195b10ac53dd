"""A general bridge between Japanese and English search terms, beyond the hand glossary.

The glossary (``search.glossary``) knows the security vocabulary both languages share, as concepts. Ordinary
words it does not list (a symptom in a need, "乗っ取られた"; a product noun in a listing, "takeover") had no way
across. This module adds two sources of translations, both over *search terms* as ``search.analysis`` produces
them (English Snowball stems, Japanese Sudachi normalised forms), so its output can be indexed or queried next to
``Analysis.terms``:

1. **Dictionary**: ``search/data/bridge_ja_en.tsv``, a small table derived from JMdict by
   ``scripts/build_bridge.py`` (common words only, single-word English glosses, English side restricted to the
   platform's domain vocabulary; see that script). Loaded once; the big dictionary is not needed at run time.
2. **Learned associations** (optional): term pairs that co-occur in documents written in both languages, e.g.
   listings that carry ``name_ja`` and ``name_en``: ``learn_associations(pairs)`` scores every (Japanese term,
   English term) pair by the Dice coefficient of the documents they appear in and keeps the strong, repeated
   ones. Pass the result to ``translate_terms(..., learned=...)``.

For the engine, the intended use is as extra *low-weight* evidence (``BRIDGE_WEIGHT`` relative to a term of the
text itself), never as an admission route on its own: dictionary translations are ambiguous (監視 → "monitor",
but 機関 → "engine" as well as "agency").

- ``translate_terms(terms, "en")``: English stems for Japanese terms (and ``"ja"``: Japanese forms for English
  stems), in first-seen order, without duplicates and without the input terms themselves.
- ``bridge_terms(text)`` / ``bridge_terms_of(analysis)``: the translations of a text's own terms into the other
  language (both directions for mixed text), e.g. to index as a ``bridge_terms`` field or to add to a query.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.analysis import Analysis, analyse

BRIDGE_PATH = Path(__file__).resolve().parent / "data" / "bridge_ja_en.tsv"

#: Suggested weight of a bridge term relative to a term of the text itself.
BRIDGE_WEIGHT = 0.3

LANGUAGES = ("en", "ja")


class BridgeError(ValueError):
    """The bridge table is malformed; the message names the line."""


@dataclass(frozen=True)
class BridgeTable:
    ja_to_en: Mapping[str, tuple[str, ...]]
    en_to_ja: Mapping[str, tuple[str, ...]]


def parse_bridge(text: str, source: str = "bridge") -> BridgeTable:
    ja_to_en: dict[str, tuple[str, ...]] = {}
    en_to_ja: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 2 or not columns[0].strip() or not columns[1].split():
            raise BridgeError(f"{source}, line {number}: expected 'Japanese term<TAB>English terms'")
        japanese, english = columns[0].strip(), tuple(columns[1].split())
        if japanese in ja_to_en:
            raise BridgeError(f"{source}, line {number}: {japanese!r} listed twice")
        ja_to_en[japanese] = english
        for stem in english:
            en_to_ja[stem].append(japanese)
    return BridgeTable(ja_to_en=ja_to_en, en_to_ja={k: tuple(v) for k, v in en_to_ja.items()})


@lru_cache(maxsize=1)
def bridge_table() -> BridgeTable:
    """The dictionary table, read and validated once per process."""
    return parse_bridge(BRIDGE_PATH.read_text(encoding="utf-8"), str(BRIDGE_PATH))


def _is_japanese(term: str) -> bool:
    return not term.isascii()


def translate_terms(
    terms: Iterable[str], target_lang: str, learned: Mapping[str, Iterable[str]] | None = None
) -> list[str]:
    """Terms of the other language for ``terms``: Japanese → English stems when ``target_lang`` is ``"en"``,
    English stems → Japanese forms when it is ``"ja"``. Terms already in the target language are skipped.

    ``learned`` (from ``learn_associations``) adds associations in both directions."""
    if target_lang not in LANGUAGES:
        raise ValueError(f"target_lang must be one of {LANGUAGES}, not {target_lang!r}")
    table = bridge_table()
    mapping = table.ja_to_en if target_lang == "en" else table.en_to_ja
    wanted_source_is_japanese = target_lang == "en"
    source_terms = list(dict.fromkeys(terms))
    own = set(source_terms)
    found: dict[str, None] = {}
    for term in source_terms:
        if _is_japanese(term) != wanted_source_is_japanese:
            continue
        for translation in (*mapping.get(term, ()), *((learned or {}).get(term, ()))):
            if translation not in own and _is_japanese(translation) != wanted_source_is_japanese:
                found[translation] = None
    return list(found)


def bridge_terms_of(
    analysis: Analysis, learned: Mapping[str, Iterable[str]] | None = None
) -> tuple[str, ...]:
    """Translations of an analysed text's terms into the other language (both ways for mixed text)."""
    terms = [term for term in analysis.terms if not term.isdigit()]
    english = translate_terms(terms, "en", learned)
    japanese = translate_terms(terms, "ja", learned)
    return tuple(dict.fromkeys(english + japanese))


def bridge_terms(text: str | None) -> tuple[str, ...]:
    """``bridge_terms_of(analyse(text))``: the dictionary translations of a text's terms."""
    return _bridge_terms_cached(text or "")


@lru_cache(maxsize=20_000)
def _bridge_terms_cached(text: str) -> tuple[str, ...]:
    return bridge_terms_of(analyse(text))


def learn_associations(
    bilingual: Iterable[tuple[str, str]], min_documents: int = 2, min_dice: float = 0.5, max_per_term: int = 3
) -> dict[str, tuple[str, ...]]:
    """Term associations learned from documents written in both languages.

    ``bilingual`` yields (Japanese text, English text) of one document each (a listing's ``description_ja`` and
    ``description_en``). A Japanese term and an English term are associated when they appear together in at least
    ``min_documents`` documents and their Dice coefficient, 2·both / (ja + en), is at least ``min_dice``; each term
    keeps its ``max_per_term`` strongest partners. The result maps terms of either language to partners of the
    other, ready for ``translate_terms(..., learned=...)``.
    """
    ja_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for japanese_text, english_text in bilingual:
        ja_terms = {t for t in analyse(japanese_text).terms if _is_japanese(t)}
        en_terms = {t for t in analyse(english_text).terms if not _is_japanese(t) and not t.isdigit()}
        if not ja_terms or not en_terms:
            continue
        ja_count.update(ja_terms)
        en_count.update(en_terms)
        both.update((j, e) for j in ja_terms for e in en_terms)
    scored: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (japanese, english), count in both.items():
        if count < min_documents:
            continue
        dice = 2 * count / (ja_count[japanese] + en_count[english])
        if dice >= min_dice:
            scored[japanese].append((dice, english))
            scored[english].append((dice, japanese))
    return {
        term: tuple(partner for _, partner in sorted(partners, key=lambda p: (-p[0], p[1]))[:max_per_term])
        for term, partners in scored.items()
    }
