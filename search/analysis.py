"""Text analysis shared by indexing and querying: the one place Japanese and English text become search terms.

The Elasticsearch node has no language plugins, so analysis happens here and ES only splits our output on
whitespace. A text goes through:

1. NFKC normalisation and lower-casing (full-width ``ＥＤＲ`` → ``edr``);
2. segmentation by Unicode category and script, so no script is lost: letters, digits and combining marks of any
   script form words; Han and kana runs (with the punctuation around them, which Sudachi uses as context) go to
   SudachiPy (the core dictionary ships inside the ``sudachidict_core`` wheel; nothing is downloaded); scripts
   written without spaces between words (Thai, Lao, Khmer, Myanmar) become overlapping character bigrams;
3. English (ASCII words): stop and question words dropped, Snowball (Porter 2) stemming for words longer than three
   characters, so acronyms such as ``ics``/``ids`` survive; other Latin words ("müller", "sécurité") stay whole and
   unstemmed, with an accent-free variant ("muller") as an extra term; Greek, Cyrillic, Hangul and the rest stay
   whole words; Japanese: Sudachi's normalised form (``漏えい`` → ``漏洩``, ``セキュリティ`` → ``セキュリティー``),
   particles, auxiliaries, pronouns, question words (誰, いつ, どこ, 何, どう, どの, なぜ) and symbols dropped, long
   compounds indexed both whole (mode C) and split (mode A), so ``中小企業`` matches ``中小`` and ``企業``;
4. the glossary (``search.glossary``, a data file): phrases of both languages are matched on the *exact word forms*
   (English folded only between singular and plural, never stemmed, so "authentication" cannot reach
   "authenticity") and emitted as shared concept tokens (``c.pentest``) with a specificity weight
   (``concept_weight``), so "pen test" finds "penetration testing" and "侵入テスト".

Negation-aware flags built on the same analysis live in ``search.flags``; the dictionary bridge between the two
languages for words the glossary does not know lives in ``search.bridge``.

Everything is cached per text: the same strings (category labels, repeated queries) are analysed once.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from sudachipy import dictionary as sudachi_dictionary
from sudachipy import tokenizer as sudachi_tokenizer

from search.glossary import Concept, load_concepts

CONCEPT_PREFIX = "c."

_LATIN_WORD = re.compile(r"[a-z0-9]+")
_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
#: Scripts written without spaces between words: indexed as overlapping character bigrams.
_UNSPACED_SCRIPTS = ("THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "BALINESE", "JAVANESE")
_JAPANESE_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC")
#: A character outside ASCII, Japanese scripts and general/CJK punctuation: the text needs the per-character path.
_OTHER_SCRIPT = re.compile(
    r"[^\x00-\x7f\u2000-\u206f\u2190-\u27ff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
_HAS_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc\U00020000-\U0003134f]"
)

_ENGLISH_STOP_LIST = """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself yourselves also via
    per within without us etc e.g ie eg may might must shall whose whether please however therefore thus yet
    anyone someone something anything whatever whoever whenever wherever somebody anybody
    s t d ll m re ve don doesn didn isn aren wasn weren won wouldn couldn shouldn hasn haven hadn cannot"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP_LIST.split())

# Sudachi parts of speech that carry no search meaning.
# Pronouns (私, 誰, どこ) and adnominals (この, どの) included: they say who and which, not what about.
_DROPPED_POS = frozenset(
    {"助詞", "助動詞", "補助記号", "空白", "記号", "接頭辞", "感動詞", "接続詞", "代名詞", "連体詞"}
)
# Frequent light verbs, formal nouns and question words (normalised forms, as Sudachi gives them).
_JAPANESE_STOP_LIST = """為る 有る 居る 成る 出来る 致す 頂く 下さる 行う 御座る 言う 思う 事 物 為 様 等 所 此れ 其れ 彼れ 何 方
    こと もの ため よう など これ それ あれ どれ ここ そこ 的 化 よる 於く 就く 付く 当たる 際 中 上 下 向け
    誰 いつ 何時 どこ 何処 如何 どう 何故 なぜ どちら 何方 どんな 幾ら いくら 良い 欲しい 貰う 呉れる 分かる 教える"""
_JAPANESE_STOP_WORDS = frozenset(_JAPANESE_STOP_LIST.split())


@dataclass(frozen=True, slots=True)
class Token:
    """A search term and where it came from in the normalised text (``normalise(text)[start:end]``).

    ``term`` is what is indexed (an English stem); ``form`` is the exact word form the glossary matches on (the
    word itself, an English plural folded to its singular); they differ only for English words.
    """

    term: str
    start: int
    end: int
    form: str = ""

    @property
    def match_form(self) -> str:
        return self.form or self.term


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a text contributes to the index or a query."""

    normalised: str
    terms: tuple[str, ...]
    concepts: tuple[str, ...]

    @property
    def terms_text(self) -> str:
        return " ".join(self.terms)

    @property
    def concepts_text(self) -> str:
        return " ".join(self.concepts)


def normalise(text: str | None) -> str:
    """NFKC and lower case: the form every offset in this module refers to."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).lower()


# --- tokenisers -------------------------------------------------------------------------------------------------

_local = threading.local()
_SPLIT_A = sudachi_tokenizer.Tokenizer.SplitMode.A
_SPLIT_C = sudachi_tokenizer.Tokenizer.SplitMode.C


def _sudachi():
    """One Sudachi tokenizer per thread (it is not thread-safe); loading it takes a few milliseconds."""
    tok = getattr(_local, "sudachi", None)
    if tok is None:
        tok = sudachi_dictionary.Dictionary(dict="core").tokenizer()
        _local.sudachi = tok
    return tok


_stemmer_lock = threading.Lock()
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem_english(word: str) -> str:
    """Porter-2 stem of a lower-case word; short words (acronyms) and words with digits are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    with _stemmer_lock:
        return _stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def singular_english(word: str) -> str:
    """The singular of a plural English word, conservatively ("policies" → "policy", "boxes" → "box").

    The only inflection the glossary folds. Short words (``ids``, ``ics``) and words ending in ss/us/is ("access",
    "status", "analysis") are kept as they are.
    """
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")) or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def _english_word(
    word: str, start: int, end: int, hyphenated: bool = False
) -> tuple[Token, tuple[Token, ...]] | None:
    # A stop word joined by a hyphen is part of a compound ("on-site", "in-house", "round-the-clock"): dropping it
    # would leave "site", and every "construction site" would read as on-site help.
    if word in ENGLISH_STOP_WORDS and not hyphenated:
        return None
    stem, form = _english_forms(word)
    token = Token(stem, start, end, form)
    return token, (token,)


@lru_cache(maxsize=200_000)
def _english_forms(word: str) -> tuple[str, str]:
    """(indexed stem, glossary form) of an English word, cached together: this runs for every word indexed."""
    return stem_english(word), singular_english(word)


def _hyphenated(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is joined to a neighbouring word by a hyphen ("on-site")."""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after


def _english_tokens(text: str, chunk: str, offset: int) -> Iterator[tuple[Token, tuple[Token, ...]]]:
    for match in _LATIN_WORD.finditer(chunk):
        start, end = offset + match.start(), offset + match.end()
        word = match.group()
        group = _english_word(word, start, end, word in ENGLISH_STOP_WORDS and _hyphenated(text, start, end))
        if group is not None:
            yield group


def _fold_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _word_tokens(word: str, kind: str, start: int) -> Iterator[tuple[Token, tuple[Token, ...]]]:
    """Tokens of one non-Japanese word run of ``kind`` (see ``_char_kind``)."""
    end = start + len(word)
    if kind == "a":
        if word.isascii():
            group = _english_word(word, start, end)
            if group is not None:
                yield group
            return
        # Latin with accents ("müller", "sécurité"): not English, so not stemmed; its accent-free spelling is
        # indexed too (as the group's compound term), because people type "Muller".
        token = Token(word, start, end, word)
        folded = _fold_accents(word)
        yield (Token(folded, start, end, folded) if folded != word else token), (token,)
    elif kind == "u":
        if len(word) == 1:
            token = Token(word, start, end, word)
            yield token, (token,)
            return
        for i in range(len(word) - 1):
            bigram = word[i : i + 2]
            token = Token(bigram, start + i, start + i + 2, bigram)
            yield token, (token,)
    else:
        token = Token(word, start, end, word)
        yield token, (token,)


def _keep_japanese(morpheme) -> str | None:
    pos = morpheme.part_of_speech()
    if pos[0] in _DROPPED_POS:
        return None
    form = morpheme.normalized_form().lower()
    if form in _JAPANESE_STOP_WORDS or not form.strip():
        return None
    if len(form) == 1 and "\u3040" <= form <= "\u309f":  # a lone hiragana left over
        return None
    return form


def _japanese_tokens(chunk: str, offset: int) -> Iterator[tuple[Token, tuple[Token, ...]]]:
    """Yield (compound token, its mode-A parts) for every kept Sudachi mode-C morpheme of a CJK chunk."""
    for morpheme in _sudachi().tokenize(chunk, _SPLIT_C):
        form = _keep_japanese(morpheme)
        if form is None:
            continue
        compound = Token(form, offset + morpheme.begin(), offset + morpheme.end(), form)
        parts = []
        for part in morpheme.split(_SPLIT_A):
            part_form = _keep_japanese(part)
            if part_form is not None:
                parts.append(Token(part_form, offset + part.begin(), offset + part.end(), part_form))
        yield compound, tuple(parts) or (compound,)


_KINDS: dict[str, str] = {}


def _char_kind(char: str) -> str:
    """``a`` Latin letter or digit, ``w`` letter/digit of another spaced script, ``u`` of an unspaced script,
    ``m`` a combining mark (joins the word before it), ``j`` Han or kana, ``-`` anything else (space, punctuation).
    """
    kind = _KINDS.get(char)
    if kind is not None:
        return kind
    category = unicodedata.category(char)
    name = unicodedata.name(char, "")
    if category[0] not in "LNM":
        kind = "-"
    elif name.startswith(_JAPANESE_NAMES):
        kind = "j"
    elif name.startswith(_UNSPACED_SCRIPTS):
        kind = "u"
    elif category[0] == "M":
        kind = "m"
    elif name.startswith("LATIN") or (category == "Nd" and char.isascii()):
        kind = "a"
    else:
        kind = "w"
    _KINDS[char] = kind
    return kind


def _segments(text: str) -> Iterator[tuple[str, int, str]]:
    """Split normalised text into (chunk, offset, kind) runs: word runs of kind ``a``/``w``/``u`` (see
    ``_char_kind``) and, between them, kind ``-`` chunks, which hold any Japanese with its punctuation."""
    if text.isascii() or not _OTHER_SCRIPT.search(text):
        # Only ASCII, kana, Han and their punctuation (nearly every text here): words are ASCII runs.
        position = 0
        for match in _LATIN_WORD.finditer(text):
            if match.start() > position:
                yield text[position : match.start()], position, "-"
            yield match.group(), match.start(), "a"
            position = match.end()
        if position < len(text):
            yield text[position:], position, "-"
        return
    run_start = 0
    run_kind = "-"
    for index, char in enumerate(text):
        kind = "a" if char in _ASCII_WORD_CHARS else _char_kind(char)
        if kind == "m":
            kind = run_kind if run_kind != "-" else "-"
        elif kind == "j":
            kind = "-"
        if kind != run_kind:
            if index > run_start:
                yield text[run_start:index], run_start, run_kind
            run_start, run_kind = index, kind
    if len(text) > run_start:
        yield text[run_start:], run_start, run_kind


@lru_cache(maxsize=4096)
def _token_groups(normalised: str) -> tuple[tuple[Token, tuple[Token, ...]], ...]:
    """(compound token, its parts) for every word of a normalised text. Cached: ``analyse`` and then
    ``search.flags`` (or ``term_spans``) read the same text, and Sudachi is the expensive part."""
    groups: list[tuple[Token, tuple[Token, ...]]] = []
    for chunk, offset, kind in _segments(normalised):
        if kind == "-":
            if _HAS_CJK.search(chunk):
                groups.extend(_japanese_tokens(chunk, offset))
        elif kind == "a" and chunk.isascii():
            groups.extend(_english_tokens(normalised, chunk, offset))
        else:
            groups.extend(_word_tokens(chunk, kind, offset))
    return tuple(groups)


def tokenize(text: str | None) -> list[Token]:
    """The fine-grained (mode A / stemmed) term sequence of a text, with offsets into ``normalise(text)``."""
    return [part for _, parts in _token_groups(normalise(text)) for part in parts]


# --- glossary ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    concept: str
    start: int
    end: int


class GlossaryEntryError(ValueError):
    """A glossary surface that the analyser reduces to nothing (only stop words or punctuation)."""


class _GlossaryIndex:
    """Concept phrases keyed by their first word form, longest first."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.categories: dict[str, tuple[str, ...]] = {}
        self.weights: dict[str, float] = {}
        for concept in concepts:
            concept_token = CONCEPT_PREFIX + concept.id
            self.categories[concept_token] = concept.categories
            self.weights[concept_token] = concept.weight
            for surface in concept.surfaces:
                key = tuple(token.match_form for token in tokenize(surface))
                if not key:
                    where = f"line {concept.line}" if concept.line else "entry"
                    raise GlossaryEntryError(
                        f"glossary {where} ({concept.id}): surface {surface!r} has no searchable word"
                    )
                keys = [key]
                if " " in surface.strip() and surface.isascii():
                    # "denial of service" also written "denial-of-service": hyphens keep the stop words.
                    keys.append(tuple(token.match_form for token in tokenize("-".join(surface.split()))))
                for variant in keys:
                    entries = self.by_first.setdefault(variant[0], [])
                    if (variant, concept_token) not in entries:
                        entries.append((variant, concept_token))
        for entries in self.by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def scan(self, tokens: list[Token]) -> list[ConceptMatch]:
        """Concept occurrences in a token sequence, on exact word forms; overlapping surfaces of one concept
        count once."""
        forms = [token.form or token.term for token in tokens]
        found: list[ConceptMatch] = []
        covered_until: dict[str, int] = {}
        for i, form in enumerate(forms):
            for key, concept in self.by_first.get(form, ()):
                if i < covered_until.get(concept, 0) or tuple(forms[i : i + len(key)]) != key:
                    continue
                covered_until[concept] = i + len(key)
                found.append(ConceptMatch(concept, tokens[i].start, tokens[i + len(key) - 1].end))
        return found


@lru_cache(maxsize=1)
def glossary() -> _GlossaryIndex:
    return _GlossaryIndex(load_concepts())


@lru_cache(maxsize=1)
def generic_concepts() -> frozenset[str]:
    """Concept tokens too general to tell one offer from another ("security", "service"): no category."""
    return frozenset(token for token, categories in glossary().categories.items() if not categories)


def concept_categories(concept_token: str) -> tuple[str, ...]:
    """The platform categories a concept token (``c.edr``) points to."""
    return glossary().categories.get(concept_token, ())


def concept_weight(concept_token: str) -> float:
    """How specific a concept token is, for scoring: 1.0 for a concept naming one kind of offer (``c.edr``), less
    for broad ones (``c.data`` 0.3, generic ``c.security`` 0.25), from the glossary's weight column; 0.0 for an
    unknown token."""
    return glossary().weights.get(concept_token, 0.0)


def concept_weights() -> dict[str, float]:
    """Every concept token with its specificity weight (a copy; e.g. to build per-concept query boosts)."""
    return dict(glossary().weights)


def concepts_of(text: str | None) -> list[ConceptMatch]:
    """Every concept occurrence in a text, with its span in ``normalise(text)`` (used by ``search.flags``)."""
    return glossary().scan(tokenize(text))


# --- the public entry points ------------------------------------------------------------------------------------


@lru_cache(maxsize=20_000)
def analyse(text: str | None) -> Analysis:
    """Terms and concepts of a text, for an index field or a query. Cached: treat the result as immutable."""
    normalised = normalise(text)
    groups = _token_groups(normalised)
    terms: list[str] = []
    sequence: list[Token] = []
    for compound, parts in groups:
        sequence.extend(parts)
        terms.extend(part.term for part in parts)
        if len(parts) > 1 or parts[0] is not compound:
            terms.append(compound.term)
    concepts = [match.concept for match in glossary().scan(sequence)]
    return Analysis(normalised=normalised, terms=tuple(terms), concepts=tuple(concepts))


def analyse_many(texts: Iterable[str | None]) -> Analysis:
    """One analysis over several texts (a document's fields joined), without phrases spanning two texts."""
    parts = [analyse(text) for text in texts if text]
    return Analysis(
        normalised="\n".join(p.normalised for p in parts),
        terms=tuple(t for p in parts for t in p.terms),
        concepts=tuple(c for p in parts for c in p.concepts),
    )


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index of the original character it came from."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).lower()
        pieces.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(pieces), origin


def term_spans(text: str | None, terms: set[str], concepts: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """Where a text contains any of ``terms`` or ``concepts``: (the text as written, merged (start, end) spans).

    Used to explain a match: the query's own terms and the concepts it shares with a document are located in the
    document's text, whichever language each side is written in. Matching runs on the normalised text; the spans
    are mapped back so the text is shown as its author wrote it.
    """
    original = text or ""
    normalised = normalise(original)
    origin: list[int] | None = None
    if len(normalised) != len(original):
        normalised, origin = _normalise_with_offsets(original)
    spans: list[tuple[int, int]] = []
    groups = _token_groups(normalised)
    sequence = [part for _, parts in groups for part in parts]
    terms = {term for term in terms if not term.isdigit()}  # a bare number explains nothing
    for compound, parts in groups:
        if compound.term in terms or any(part.term in terms for part in parts):
            spans.append((compound.start, compound.end))
    for match in glossary().scan(sequence):
        if match.concept in concepts:
            spans.append((match.start, match.end))
    if origin is not None:
        spans = [(origin[start], origin[end - 1] + 1) for start, end in spans]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return original, merged
