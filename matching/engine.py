"""The matching engine: need → listings and listing → needs.

Need → listings runs in three stages, so that relevance decides and everything else can only refine it:

1. **one Elasticsearch query** (``listing_query``, built with ``elasticsearch_dsl``) retrieves a pool of
   ``Weights.pool`` × ``Weights.candidates`` listings:

   - **hard filters** (``filter``): published listings only; the need's region is served (or the listing serves
     the whole country); the listing's entry price fits the need's budget; the listing's confirmed verification
     level reaches the need's minimum. Unknown values on either side constrain nothing here.
   - **admission** (``must``, any one suffices): the need's *full* text — title words, description words,
     specific glossary concepts, or kanji bigrams of the raw text over the listing's name, summary and
     description (the fallback for Japanese inflection and compounds) — or a category the need names. No listing
     sharing meaningful words with the need is ever dropped before scoring.
   - **evidence** (``should``): the dictionary bridge's translations of the need's words;

   - for an urgent need, **incident help** (on site, in the region): what it asks for, and worth enough to
     choose the pool.

   The rest of the **structure evidence** — categories inferred (weighted by their confidence, learned from the
   catalogue by ``matching.categories``), CPSF components, industry, company size, verification level, local
   presence, freshness — is a small constant per listing, so it is added in Python from each pooled
   listing's ``_source`` (``structure_scores``, under the clause names and values a constant-score clause would
   have) and the best ``Weights.candidates`` of the pool by the sum go on. Elasticsearch then evaluates five
   scoring clauses per admitted document instead of twenty (``tests/matching/test_queries.py`` checks that the
   Python evidence equals what Elasticsearch scores for the same clauses).

2. **a re-ranking** in Python over those candidates (``rerank``), from the per-clause scores (Elasticsearch's
   ``include_named_queries_score`` for the text clauses, the structure evidence's own): with the learned model
   when one is installed (``matching.ranker``; one is, trained on the meaning-judged development set), else
   with the hand weights, in
   which structure boosts are *scaled by the listing's text relevance* — a structural match lifts a relevant
   listing but cannot lift an irrelevant one above it. Two rules hold whichever scorer runs, because users rely
   on them and a few judged needs cannot teach them: urgent incident help is a bounded lift (``with_urgency``),
   and a listing of unknown price is mildly penalised for a budget-bound need (``with_price_uncertainty``).

3. **diversification** for needs that ask for several things (``need_parts``): the first ten places are filled
   greedily so that each part's best answer appears, not ten answers to the first part.

The same functions serve the site, the evaluation command and the benchmark, so what is measured is what runs.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch_dsl import Q, Search
from elasticsearch_dsl.query import Query

from cpsplatform.taxonomy import NATIONWIDE
from matching import categories as category_learning
from search.analysis import Analysis, analyse, analyse_many, generic_concepts
from search.bridge import BRIDGE_WEIGHT, bridge_terms_of
from search.documents import infer_categories
from search.records import INCIDENT_CATEGORIES, ListingRecord, NeedRecord


@dataclass(frozen=True)
class Weights:
    """How much each signal counts when no learned ranker is installed. One set for every data set."""

    title_terms: float = 2.0
    body_terms: float = 1.0
    concepts: float = 3.0
    title_concepts: float = 1.0
    #: character bigrams of the raw text: a fallback for inflection and compounds, so it counts little
    bigrams: float = 0.15
    category: float = 6.0
    #: multiplied by the inference's confidence (0-1)
    inferred_category: float = 6.0
    component: float = 1.0
    industry: float = 1.5
    company_size: float = 1.0
    verification_step: float = 0.4
    local_presence: float = 0.8
    #: an urgent need asks for incident help: topical evidence, counted in full (but a constant: it cannot bury
    #: a listing whose text answers the need far better)
    urgent_incident: float = 8.0
    urgent_onsite: float = 3.0
    urgent_local: float = 2.0
    freshness: float = 0.5
    #: factor applied to a listing of unknown price when the need states a budget
    unknown_price: float = 0.9
    #: dictionary translations of the need's words into the other language (search.bridge): evidence that adds
    #: to the score of listings admitted on their own merits, never an admission route (translations are ambiguous)
    bridge: float = BRIDGE_WEIGHT
    #: candidates retrieved and re-ranked (the re-ranking and diversification touch no more than these)
    candidates: int = 30
    #: Elasticsearch retrieves this many times ``candidates`` by text; the structure evidence (added in Python)
    #: then picks the candidates among them. At 3 the candidates of every development need are exactly those
    #: one query with every clause retrieves (at 2, 4 of 2,670 differ)
    pool: float = 3.0
    #: how much covering a not-yet-covered part of a multi-part need is worth, relative to the best score
    part_coverage: float = 0.6
    #: with a learned ranker: the most urgent-incident evidence can add, as a share of the spread of the
    #: candidates' scores (urgency is a rule, not something a few judged urgent needs can teach a model)
    urgency_share: float = 1.5


DEFAULT_WEIGHTS = Weights()

#: Listing fields the text clauses search (the analysed fields written by ``search.documents``).
TEXT_FIELDS = ("name_terms", "body_terms", "category_terms")
BIGRAM_FIELDS = ("name.bigram", "summary.bigram", "description.bigram")
#: The plain BM25 baseline's fields: raw text, standard analyzer.
BASELINE_LISTING_FIELDS = ("name", "summary", "description")
HIGHLIGHT_LISTING_FIELDS = ("name", "summary", "description")
#: What the re-ranking reads of each candidate (and the part coverage, for multi-part needs).
RERANK_SOURCE = (
    "categories",
    "regions",
    "onsite",
    "incident_help",
    "price_min",
    "vendor",
    "verification_level",
)
PART_SOURCE = ("name_terms", "body_terms", "concepts")
#: Analysed fields no page shows: left out of the candidates' ``_source`` unless the part coverage needs them.
HEAVY_SOURCE = ("name_terms", "body_terms", "category_terms", "name_concepts")


@dataclass
class QueryText:
    """A text side of a match, analysed once."""

    title: Analysis
    body: Analysis
    raw: str

    @property
    def concepts(self) -> tuple[str, ...]:
        return self.title.concepts + self.body.concepts

    @property
    def terms(self) -> tuple[str, ...]:
        return self.title.terms + self.body.terms


def need_text(need: NeedRecord) -> QueryText:
    return QueryText(
        title=analyse(need.title),
        body=analyse_many([need.description, *need.category_names]),
        raw=f"{need.title}\n{need.description}",
    )


def listing_text(listing: ListingRecord) -> QueryText:
    return QueryText(
        title=analyse(listing.name),
        body=analyse_many([listing.summary, listing.description, *listing.category_names]),
        raw=f"{listing.name}\n{listing.summary}\n{listing.description}",
    )


# --- understanding a need ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedPart:
    """One thing a need asks for: a sentence (or sentences) about one kind of solution."""

    text: str
    terms: frozenset[str]
    concepts: frozenset[str]
    category: str


@dataclass
class NeedUnderstanding:
    """What the engine made of a need beyond its words: inferred categories and its parts.

    ``inferred`` maps a category the need does *not* name to the confidence (0-1) that the need is about it;
    ``source`` says where the inference came from: ``"catalogue"`` (learned from the categorised listings) or
    ``"glossary"`` (the glossary's concept → category links, when the catalogue taught nothing).
    """

    inferred: dict[str, float] = field(default_factory=dict)
    source: str = "catalogue"
    parts: list[NeedPart] = field(default_factory=list)


_SENTENCE = re.compile(r"[^。．.!?！？\n]+")
#: A sentence is a part of its own only when the catalogue is this sure what kind of solution it asks for.
PART_CONFIDENCE = 0.5


def need_parts(
    need: NeedRecord, model: category_learning.CategoryModel | None, named: list[str] | None = None
) -> list[NeedPart]:
    """The distinct things a need asks for, when it asks for more than one.

    Each sentence of the title and description whose kind of solution the catalogue model can tell with
    confidence is assigned that category; sentences of the same category form one part. A need with fewer than
    two parts is not split (an empty list): it has one ask, however many sentences describe it.
    """
    if model is None or model.empty:
        return []
    groups: dict[str, list[tuple[str, Analysis]]] = {}
    generic = generic_concepts()
    for sentence in _SENTENCE.findall(f"{need.title}\n{need.description}"):
        analysis = analyse(sentence)
        features = [*analysis.terms, *(c for c in analysis.concepts if c not in generic)]
        inferred = model.infer(features, limit=1)
        if not inferred:
            continue
        category, confidence = next(iter(inferred.items()))
        if confidence < PART_CONFIDENCE and category not in (named or []):
            continue
        groups.setdefault(category, []).append((sentence, analysis))
    if len(groups) < 2:
        return []
    return [
        NeedPart(
            text=" ".join(sentence for sentence, _ in members),
            terms=frozenset(t for _, a in members for t in a.terms if not t.isdigit()),
            concepts=frozenset(c for _, a in members for c in a.concepts if c not in generic),
            category=category,
        )
        for category, members in groups.items()
    ][:3]


def understand_need(
    need: NeedRecord,
    model: category_learning.CategoryModel | None = None,
    text: QueryText | None = None,
) -> NeedUnderstanding:
    """Inferred categories (with confidence) and parts of ``need``.

    With a catalogue model the categories come from it; without one (or when it knows none of the need's
    words) from the glossary, at a modest fixed confidence, since the glossary links concepts to categories by
    hand rather than by evidence.
    """
    text = text or need_text(need)
    generic = generic_concepts()
    features = [*text.terms, *(c for c in text.concepts if c not in generic)]
    learned = model.infer(features) if model is not None and not model.empty else {}
    inferred = {c: p for c, p in learned.items() if c not in need.categories}
    source = "catalogue"
    if not learned:
        source = "glossary"
        ranked = [c for c in infer_categories(text.concepts) if c not in need.categories][:3]
        inferred = {c: round(0.5 / (i + 1), 3) for i, c in enumerate(ranked)}
    return NeedUnderstanding(inferred=inferred, source=source, parts=need_parts(need, model, need.categories))


def need_categories(need: NeedRecord, text: QueryText | None = None) -> tuple[list[str], list[str]]:
    """(categories the need names, categories the glossary infers from its text that it does not name).

    The glossary-only inference, for callers without an index at hand; the engine itself uses
    ``understand_need`` with the catalogue's model.
    """
    understanding = understand_need(need, None, text)
    return list(need.categories), list(understanding.inferred)


# --- query building ---------------------------------------------------------------------------------------------
#
# The queries are built with ``elasticsearch_dsl`` (``Q``, ``Search``): the declared dependency, and a shape that
# ``tests/matching/test_queries.py`` pins with ``to_dict()``.


def _const(name: str, query: Query, boost: float) -> Query:
    return Q("constant_score", filter=query, boost=boost, _name=name)


def _missing(field_name: str) -> Query:
    return Q("bool", must_not=[Q("exists", field=field_name)])


def _either(*clauses: Query) -> Query:
    return Q("bool", should=list(clauses), minimum_should_match=1)


def _text_clauses(text: QueryText, weights: Weights, fields: tuple[str, str, str]) -> list[Query]:
    """Text relevance of ``text`` against a document's analysed fields (title, body, categories).

    ``combined_fields`` scores the fields as one (BM25F): one term query per distinct word, however many fields,
    which keeps long needs cheap to match.
    """
    name_field, body_field, category_field = fields
    clauses = []
    for analysis, boost, name in (
        (text.title, weights.title_terms, "title_terms"),
        (text.body, weights.body_terms, "body_terms"),
    ):
        words = " ".join(dict.fromkeys(analysis.terms))
        if not words or boost <= 0:
            continue
        clauses.append(
            Q(
                "combined_fields",
                query=words,
                fields=[f"{name_field}^2", body_field, category_field],
                boost=boost,
                _name=name,
            )
        )
    # Specific concepts only: "security" or "service" would match nearly every document and decide nothing.
    generic = generic_concepts()
    concepts = " ".join(c for c in dict.fromkeys(text.concepts) if c not in generic)
    if concepts and weights.concepts > 0:
        clauses.append(
            Q(
                "combined_fields",
                query=concepts,
                fields=["concepts", f"name_concepts^{1 + weights.title_concepts:g}"],
                boost=weights.concepts,
                _name="concepts",
            )
        )
    return clauses


_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")
_BIGRAM_TOKEN = re.compile(
    r"[\u30a0-\u30ff\u31f0-\u31ff]+"  # a katakana run is one token
    r"|[\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]"  # a kanji or hiragana is one
    r"|[^\W_]+"  # any other run of letters or digits (the words around Japanese text)
)


def bigram_terms(raw: str) -> list[str]:
    """The kanji bigrams of a text, as the ``.bigram`` sub-fields hold them (Lucene's standard tokenizer makes
    every kanji a token; our shingle filter joins neighbours).

    Only kanji pairs are looked up: they carry the compounds and inflected stems the fallback is for (情報漏洩 /
    漏洩した情報, 暗号化 / 暗号化された), while pairs with kana (です, 化さ) or Latin words match nearly every
    document and would make the fallback admit — and score — the whole index.
    """
    text = unicodedata.normalize("NFKC", raw).lower()
    terms: dict[str, None] = {}
    previous: str | None = None
    for match in _BIGRAM_TOKEN.finditer(text):
        token = match.group()
        kanji = len(token) == 1 and bool(_KANJI.match(token))
        if kanji and previous is not None:
            terms[previous + token] = None
        previous = token if kanji else None
    return list(terms)


def _bigram_clause(raw: str, fields: tuple[str, ...], weights: Weights) -> list[Query]:
    """Character bigrams of the raw text against the ``.bigram`` sub-fields, as one blended term per bigram.

    The bigrams are computed here (``bigram_terms``) and sent with the ``whitespace`` analyzer, so only
    content-bearing pairs are looked up: the fallback stays cheap and does not admit every Japanese document.
    """
    terms = bigram_terms(raw)
    if weights.bigrams <= 0 or not terms:
        return []
    return [
        Q(
            "multi_match",
            query=" ".join(terms),
            fields=list(fields),
            type="cross_fields",
            analyzer="whitespace",
            boost=weights.bigrams,
            _name="bigrams",
        )
    ]


def _freshness(date_field: str, weights: Weights) -> list[Query]:
    """Recent documents get a small bonus: half for the last six months, all of it for the last month.

    Two constant-score date ranges rather than a decay function: a ``function_score`` around the whole query
    would have to score every matching document and defeat Lucene's top-k pruning (block-max WAND).
    """
    if weights.freshness <= 0:
        return []
    return [
        _const(f"fresh:{days}d", Q("range", **{date_field: {"gte": f"now-{days}d/d"}}), weights.freshness / 2)
        for days in FRESHNESS_DAYS
    ]


def listing_filters(need: NeedRecord) -> list[Query]:
    """The hard constraints a listing must meet for ``need``."""
    filters = [Q("term", status="published")]
    if need.region:
        filters.append(_either(Q("terms", regions=[need.region, NATIONWIDE]), _missing("regions")))
    if need.budget_max is not None:
        filters.append(_either(Q("range", price_min={"lte": need.budget_max}), _missing("price_min")))
    if need.min_verification:
        filters.append(
            _either(
                Q("range", verification_level={"gte": need.min_verification}),
                _missing("verification_level"),
            )
        )
    return filters


def _bridge_clause(text: QueryText, weights: Weights, fields: tuple[str, str, str]) -> list[Query]:
    """The need's words carried into the listing's language by the dictionary bridge (``search.bridge``), so a
    Japanese symptom meets an English product text beyond what the glossary's concepts cover."""
    translations = dict.fromkeys([*bridge_terms_of(text.title), *bridge_terms_of(text.body)])
    if not translations or weights.bridge <= 0:
        return []
    name_field, body_field, category_field = fields
    return [
        Q(
            "combined_fields",
            query=" ".join(translations),
            fields=[f"{name_field}^2", body_field, category_field],
            boost=weights.bridge,
            _name="bridge",
        )
    ]


def listing_query(need: NeedRecord, weights: Weights = DEFAULT_WEIGHTS) -> Query:
    """The Elasticsearch query that retrieves listings for ``need``: hard filters, admission, text evidence.

    Only what decides which listings are worth looking at runs in Elasticsearch: the text clauses (words,
    concepts, bigrams, the bridge), the named categories (an admission route) and, for an urgent need, incident
    help (on site, in the region; constants large enough to carry a listing into the pool). The rest of the
    structure evidence — inferred categories, components, industry, size, verification, local presence,
    freshness — is small and constant per listing, so ``structure_scores`` adds it in Python from each pooled
    listing's ``_source``, under the same names and with the same values the constant-score clauses had: the
    ranker's features are unchanged, and Elasticsearch no longer evaluates a dozen clauses over every admitted
    document.
    """
    text = need_text(need)
    should = _text_clauses(text, weights, TEXT_FIELDS)
    should.extend(_bigram_clause(text.raw, BIGRAM_FIELDS, weights))
    should.extend(_bridge_clause(text, weights, TEXT_FIELDS))
    if need.categories:
        should.append(_const("category", Q("terms", categories=list(need.categories)), weights.category))
    if need.urgent:
        # What an urgent need asks for, and worth more than most text scores: it must choose the pool itself.
        should.append(_const("urgent_incident", urgent_help_filter(), weights.urgent_incident))
        onsite_help = Q("bool", filter=[urgent_help_filter(), Q("term", onsite=True)])
        should.append(_const("urgent_onsite", onsite_help, weights.urgent_onsite))
        if need.region:
            should.append(_const("urgent_local", Q("term", regions=need.region), weights.urgent_local))
    return _combine(should, listing_filters(need))


def urgent_help_filter() -> Query:
    """Listings that offer incident help (by flag or category)."""
    return _either(Q("term", incident_help=True), Q("terms", categories=sorted(INCIDENT_CATEGORIES)))


#: Listing fields ``structure_scores`` reads.
STRUCTURE_SOURCE = (
    "categories",
    "cpsf_components",
    "industries",
    "company_sizes",
    "verification_level",
    "regions",
    "incident_help",
    "onsite",
    "published_at",
)
#: The freshness windows (days); each is worth half of ``Weights.freshness``.
FRESHNESS_DAYS = (180, 30)


def _day_start(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _published(value: Any) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def offers_incident_help(source: dict[str, Any]) -> bool:
    """Whether a listing offers incident help (by flag or category)."""
    return bool(source.get("incident_help")) or bool(
        INCIDENT_CATEGORIES & set(source.get("categories") or ())
    )


def structure_scores(
    need: NeedRecord,
    understanding: NeedUnderstanding,
    source: dict[str, Any],
    weights: Weights = DEFAULT_WEIGHTS,
    now: datetime.datetime | None = None,
) -> dict[str, float]:
    """The structure evidence ``source`` (a listing's ``_source``) earns for ``need``, clause by clause.

    Each entry is what a constant-score clause of that name would score: inferred categories (weighted by the
    inference's confidence), CPSF components, industry, company size, the verification rung, local presence and
    freshness (Elasticsearch's ``now-Nd/d``: from the start of the day N days ago, UTC).
    """
    scores: dict[str, float] = {}
    categories = set(source.get("categories") or ())
    for category, confidence in understanding.inferred.items():
        boost = weights.inferred_category * confidence
        if boost > 0 and category in categories:
            scores[f"inferred:{category}"] = boost
    components = set(source.get("cpsf_components") or ())
    for component in need.cpsf_components:
        if component in components:
            scores[f"component:{component}"] = weights.component
    if need.industry and need.industry in (source.get("industries") or ()):
        scores["industry"] = weights.industry
    if need.company_size and need.company_size in (source.get("company_sizes") or ()):
        scores["company_size"] = weights.company_size
    level = source.get("verification_level")
    if isinstance(level, int) and 1 <= level <= 5:
        scores[f"verification:{level}"] = weights.verification_step * level
    local = bool(need.region) and need.region in (source.get("regions") or ())
    if local:
        scores["local"] = weights.local_presence
    published = _published(source.get("published_at"))
    if weights.freshness > 0 and published is not None:
        today = _day_start(now or datetime.datetime.now(datetime.UTC))
        for days in FRESHNESS_DAYS:
            if published >= today - datetime.timedelta(days=days):
                scores[f"fresh:{days}d"] = weights.freshness / 2
    return {name: score for name, score in scores.items() if score > 0}


def add_structure(
    need: NeedRecord,
    understanding: NeedUnderstanding,
    hits: list[Hit],
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Hit]:
    """``hits`` with their structure evidence added to their clause scores and retrieval score, re-ordered by
    that score (what a single query with every clause would have ranked them by)."""
    now = datetime.datetime.now(datetime.UTC)
    for hit in hits:
        extra = structure_scores(need, understanding, hit.source, weights, now)
        hit.clause_scores.update(extra)
        hit.matched.extend(name for name in extra if name not in hit.matched)
        hit.retrieval_score += sum(extra.values())
        hit.score = hit.retrieval_score
    return sorted(hits, key=lambda hit: -hit.retrieval_score)


#: Clauses that admit a document: any of the need's words (title or description), a specific shared concept, a
#: shared character bigram, or a category the need names. Structure alone (region, size, verification...) never
#: admits: it says nothing about what the listing does. Inferred categories only add to the score of admitted
#: listings (soft evidence): admitting a whole inferred category would score a large share of the index.
RELEVANCE_CLAUSES = frozenset(
    {"title_terms", "body_terms", "concepts", "bigrams", "category", "inferred_category"}
)
#: Clauses that measure text relevance (the scale structure boosts are measured against).
TEXT_CLAUSES = ("title_terms", "body_terms", "concepts", "bigrams")


def _is_relevance(clause: Query) -> bool:
    return clause._params.get("_name") in RELEVANCE_CLAUSES


def _combine(should: list[Query], filters: list[Query]) -> Query:
    """``filters`` AND at least one relevance clause; every clause adds to the score."""
    relevance = [clause for clause in should if _is_relevance(clause)]
    structure = [clause for clause in should if not _is_relevance(clause)]
    query: dict[str, Any] = {"filter": filters, "should": structure}
    if relevance:
        query["must"] = [Q("bool", should=relevance, minimum_should_match=1)]
    return Q("bool", **query)


def baseline_query(need: NeedRecord, fields: tuple[str, ...] = BASELINE_LISTING_FIELDS) -> Query:
    """The plain BM25 baseline: one ``multi_match`` of the need's raw text over raw text fields."""
    return Q("multi_match", query=f"{need.title}\n{need.description}", fields=list(fields))


# --- listing → needs --------------------------------------------------------------------------------------------


def need_filters(listing: ListingRecord) -> list[Query]:
    """The hard constraints, reversed: needs this listing can serve."""
    filters = [Q("terms", status=["open", "in_discussion"])]
    filters.append(_either(Q("range", expires_at={"gt": "now"}), _missing("expires_at")))
    if listing.regions and NATIONWIDE not in listing.regions:
        filters.append(_either(Q("terms", region=listing.regions), _missing("region")))
    if listing.price_min is not None:
        filters.append(_either(Q("range", budget_max={"gte": listing.price_min}), _missing("budget_max")))
    if listing.verification_level is not None:
        filters.append(
            _either(
                Q("range", min_verification={"lte": listing.verification_level}),
                _missing("min_verification"),
            )
        )
    return filters


def need_query(
    listing: ListingRecord,
    weights: Weights = DEFAULT_WEIGHTS,
    visibility: Query | dict[str, Any] | None = None,
) -> Query:
    """The one ES query that ranks needs for ``listing`` (``visibility``: the viewer's need filter)."""
    text = listing_text(listing)
    should = _text_clauses(text, weights, TEXT_FIELDS)
    should.extend(_bigram_clause(text.raw, ("title.bigram",), weights))
    if listing.categories:
        should.append(_const("category", Q("terms", categories=listing.categories), weights.category))
        should.append(
            _const(
                "inferred_category",
                Q("terms", inferred_categories=listing.categories),
                weights.inferred_category / 2,
            )
        )
    for component in listing.cpsf_components:
        should.append(
            _const(f"component:{component}", Q("term", cpsf_components=component), weights.component)
        )
    if listing.industries:
        should.append(_const("industry", Q("terms", industry=listing.industries), weights.industry))
    if listing.company_sizes:
        should.append(
            _const("company_size", Q("terms", company_size=listing.company_sizes), weights.company_size)
        )
    if listing.regions and NATIONWIDE not in listing.regions:
        should.append(_const("local", Q("terms", region=listing.regions), weights.local_presence))
    if INCIDENT_CATEGORIES & set(listing.categories):
        should.append(_const("urgent_incident", Q("term", urgent=True), weights.urgent_incident / 2))
    filters = need_filters(listing)
    if visibility is not None:
        filters.append(Q(visibility) if isinstance(visibility, dict) else visibility)
    should.extend(_freshness("created_at", weights))
    return _combine(should, filters)


# --- running ----------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    id: str
    score: float
    source: dict[str, Any]
    matched: list[str] = field(default_factory=list)
    highlight: dict[str, list[str]] = field(default_factory=dict)
    #: each matched named clause's own score (Elasticsearch's ``include_named_queries_score``, plus the structure
    #: evidence ``add_structure`` computes under the same names)
    clause_scores: dict[str, float] = field(default_factory=dict)
    #: the score of retrieval (Elasticsearch's plus the structure evidence), before re-ranking
    retrieval_score: float = 0.0


def search_request(
    query: Query,
    *,
    size: int = 20,
    source: bool | list[str] | dict[str, list[str]] = True,
    clause_scores: bool = False,
) -> Search:
    """The search request for ``query``: no total hit count (nobody reads it, and counting defeats top-k
    pruning), and each named clause's own score when ``clause_scores``."""
    search = Search().query(query).extra(size=size, track_total_hits=False)
    if source is not True:
        search = search.source(source)
    if clause_scores:
        search = search.params(include_named_queries_score=True)
    return search


def run(
    client: Elasticsearch,
    index: str,
    query: Query,
    *,
    size: int = 20,
    source: bool | list[str] | dict[str, list[str]] = True,
    clause_scores: bool = False,
) -> list[Hit]:
    search = search_request(query, size=size, source=source, clause_scores=clause_scores)
    # The client sends the request built by the DSL (``Search.execute`` would wrap every hit in response
    # objects the engine does not need).
    response = client.search(index=index, body=search.to_dict(), **search._params)
    hits = []
    for hit in response["hits"]["hits"]:
        matched = hit.get("matched_queries") or []
        scores = dict(matched) if isinstance(matched, dict) else {}
        score = float(hit["_score"] or 0.0)
        hits.append(
            Hit(
                id=hit["_id"],
                score=score,
                source=hit.get("_source", {}),
                matched=list(matched),
                clause_scores=scores,
                retrieval_score=score,
            )
        )
        hits[-1].source.setdefault("_index", hit["_index"])
    return hits


# --- re-ranking -------------------------------------------------------------------------------------------------


def _sum(scores: dict[str, float], names: tuple[str, ...] = (), prefixes: tuple[str, ...] = ()) -> float:
    # str.startswith with a tuple: this runs for every clause of every candidate, several times per request
    return sum(v for k, v in scores.items() if k in names or (prefixes and k.startswith(prefixes)))


#: The features a learned ranker sees, in order (see ``features``).
FEATURES = (
    "title_terms",
    "body_terms",
    "concepts",
    "bigrams",
    "text_share",
    "category",
    "inferred",
    "components",
    "industry",
    "company_size",
    "verification",
    "local",
    "fresh",
    "retrieval",
    "bridge",
)


def features(need: NeedRecord, hit: Hit, best_text: float) -> list[float]:
    """One candidate's features: per-clause scores as Elasticsearch computed them, plus a few of the need's."""
    scores = hit.clause_scores
    text = _sum(scores, TEXT_CLAUSES)
    return [
        scores.get("title_terms", 0.0),
        scores.get("body_terms", 0.0),
        scores.get("concepts", 0.0),
        scores.get("bigrams", 0.0),
        text / best_text if best_text > 0 else 0.0,
        scores.get("category", 0.0),
        _sum(scores, prefixes=("inferred:",)),
        _sum(scores, prefixes=("component:",)),
        scores.get("industry", 0.0),
        scores.get("company_size", 0.0),
        _sum(scores, prefixes=("verification:",)),
        scores.get("local", 0.0),
        _sum(scores, prefixes=("fresh:",)),
        hit.retrieval_score,
        scores.get("bridge", 0.0),
    ]


def hand_score(need: NeedRecord, hit: Hit, best_text: float, weights: Weights) -> float:
    """The hand-weighted score: topical evidence in full, structure scaled by text relevance.

    Topical evidence — a category named or inferred (by confidence), and for an urgent need an incident-response
    offer (with on-site help) — counts as the constant it is: it can lift an answer, but a constant cannot bury a
    listing whose text answers the need far better. Structural matches (components, size, industry,
    verification, region, freshness) count in proportion to how relevant the listing's text is compared with the
    best candidate's, so they order relevant listings among themselves but cannot carry an irrelevant one over a
    relevant one.
    """
    scores = hit.clause_scores
    text = _sum(scores, TEXT_CLAUSES)
    topical = _sum(scores, ("category", "urgent_incident", "urgent_onsite"), ("inferred:",))
    structure = _sum(
        scores,
        ("industry", "company_size", "local", "urgent_local"),
        ("component:", "verification:", "fresh:"),
    )
    relevance = min(1.0, text / best_text) if best_text > 0 else 0.0
    return text + scores.get("bridge", 0.0) + topical + relevance * structure


def with_price_uncertainty(need: NeedRecord, hit: Hit, score: float, weights: Weights) -> float:
    """A listing of unknown price is mildly penalised when the need states a budget: it passed the budget filter
    only because nobody knows whether it fits. Applied after either scorer (learned or hand weights), so the
    rule holds whatever the judged data taught the model; scaled by the score's size so it also lowers a
    negative (learned) score."""
    if need.budget_max is not None and hit.source.get("price_min") is None:
        return score - (1.0 - weights.unknown_price) * abs(score)
    return score


URGENCY_CLAUSES = ("urgent_incident", "urgent_onsite", "urgent_local")


def with_urgency(
    need: NeedRecord, hits: list[Hit], scores: list[float], best_text: float, weights: Weights
) -> list[float]:
    """Learned scores with the urgency rule added. For an urgent need, incident help (on site, in the region) is
    what the user asked for, so it is lifted by up to ``urgency_share`` times the spread of the candidates'
    scores — but only as far as the listing is about the need: the lift is gated by its text or concept
    relevance (full from half the best candidate's), so an on-site responder that says nothing about the need
    is not carried over a relevant answer. The hand weights carry the same rule as clause constants
    (``hand_score``); the model never sees urgency, because a few judged urgent needs cannot teach it a rule
    users rely on."""
    if not need.urgent or len(scores) < 2:
        return scores
    spread = max(scores) - min(scores)
    most = weights.urgent_incident + weights.urgent_onsite + weights.urgent_local
    best_concepts = max(hit.clause_scores.get("concepts", 0.0) for hit in hits)
    lifted = []
    for hit, score in zip(hits, scores, strict=True):
        evidence = _sum(hit.clause_scores, URGENCY_CLAUSES) / most
        relevance = max(
            _sum(hit.clause_scores, TEXT_CLAUSES) / best_text if best_text > 0 else 0.0,
            hit.clause_scores.get("concepts", 0.0) / best_concepts if best_concepts > 0 else 0.0,
        )
        gate = min(1.0, relevance / 0.5)
        lifted.append(score + weights.urgency_share * spread * evidence * gate)
    return lifted


def _hit_terms(hit: Hit) -> set[str]:
    return {t for name in PART_SOURCE for t in (hit.source.get(name) or "").split()}


def part_coverage(
    part: NeedPart, hit: Hit, model: category_learning.CategoryModel | None, terms: set[str] | None = None
) -> float:
    """How well ``hit`` answers one part of a need (0-1): its kind of solution and the part's words."""
    terms = _hit_terms(hit) if terms is None else terms
    wanted = part.terms | part.concepts
    idf = model.idf if model is not None else (lambda _term: 1.0)
    total = sum(idf(t) for t in wanted)
    overlap = sum(idf(t) for t in wanted if t in terms) / total if total else 0.0
    category = 1.0 if part.category in (hit.source.get("categories") or []) else 0.0
    return 0.5 * category + 0.5 * overlap


def diversify(
    hits: list[Hit],
    parts: list[NeedPart],
    model: category_learning.CategoryModel | None,
    weights: Weights,
    positions: int = 10,
) -> list[Hit]:
    """Fill the first ``positions`` places greedily: each place goes to the candidate with the best score plus
    a bonus for answering a part no earlier place answers well (xQuAD-style), so every part's best answer is
    shown. ``hits`` are ordered by score; only they are touched."""
    if len(parts) < 2 or len(hits) <= 1:
        return hits
    best = max(hit.score for hit in hits) or 1.0
    terms = {hit.id: _hit_terms(hit) for hit in hits}
    cover = {hit.id: [part_coverage(p, hit, model, terms[hit.id]) for p in parts] for hit in hits}
    best_cover = [max(cover[hit.id][i] for hit in hits) for i in range(len(parts))]
    remaining = list(hits)
    chosen: list[Hit] = []
    uncovered = [c > 0 for c in best_cover]
    while remaining and len(chosen) < positions:

        def gain(hit: Hit) -> float:
            bonus = sum(
                cover[hit.id][i] / best_cover[i] for i in range(len(parts)) if uncovered[i] and best_cover[i]
            )
            return hit.score / best + weights.part_coverage * bonus

        pick = max(remaining, key=gain)
        remaining.remove(pick)
        chosen.append(pick)
        for i in range(len(parts)):
            if uncovered[i] and best_cover[i] and cover[pick.id][i] >= 0.6 * best_cover[i]:
                uncovered[i] = False
    return chosen + remaining


def rerank(
    need: NeedRecord,
    hits: list[Hit],
    understanding: NeedUnderstanding,
    weights: Weights = DEFAULT_WEIGHTS,
    model: category_learning.CategoryModel | None = None,
) -> list[Hit]:
    """Stage 2 and 3: score the candidates (learned ranker or hand weights) and diversify multi-part needs."""
    from matching.ranker import installed_ranker

    if not hits:
        return hits
    best_text = max(_sum(hit.clause_scores, TEXT_CLAUSES) for hit in hits)
    ranker = installed_ranker()
    if ranker is not None:
        learned = ranker.predict([features(need, hit, best_text) for hit in hits])
        # exp: positive scores on a ratio scale like the hand weights', so the price rule and the part
        # coverage (which compare scores as shares of the best) mean the same with either scorer
        scores = [math.exp(score) for score in with_urgency(need, hits, learned, best_text, weights)]
    else:
        scores = [hand_score(need, hit, best_text, weights) for hit in hits]
    for hit, score in zip(hits, scores, strict=True):
        hit.score = with_price_uncertainty(need, hit, float(score), weights)
    ordered = sorted(hits, key=lambda hit: (-hit.score, -hit.retrieval_score, hit.id))
    return diversify(ordered, understanding.parts, model, weights)


@dataclass
class Ranking:
    """Listings for a need, best first, and what the engine understood of the need (for explanations)."""

    hits: list[Hit]
    understanding: NeedUnderstanding


@dataclass
class Candidates:
    """What the first stage retrieved for a need, before re-ranking."""

    hits: list[Hit]
    understanding: NeedUnderstanding
    model: category_learning.CategoryModel


def retrieve_candidates(
    client: Elasticsearch,
    index: str,
    need: NeedRecord,
    *,
    size: int = 20,
    weights: Weights = DEFAULT_WEIGHTS,
    source: bool | list[str] = True,
) -> Candidates:
    """Stage 1: the best ``weights.candidates`` listings (at least ``size``) with their per-clause scores.

    Elasticsearch retrieves a pool ``weights.pool`` times that size by text relevance and named categories;
    the structure evidence is added in Python (``add_structure``) and the best of the pool by the sum go on,
    so a listing that the structure evidence lifts into the candidates is still found.
    """
    model = category_learning.category_model(client, index)
    text = need_text(need)
    understanding = understand_need(need, model, text)
    fetch: bool | list[str] | dict[str, list[str]]
    if source is True:
        # Everything the pages show, but not the long analysed fields (unless the part coverage reads them).
        fetch = {"excludes": [] if understanding.parts else list(HEAVY_SOURCE)}
    else:
        fetch = sorted(
            {
                *(source or []),
                *RERANK_SOURCE,
                *STRUCTURE_SOURCE,
                *(PART_SOURCE if understanding.parts else ()),
            }
        )
    query = listing_query(need, weights)
    wanted = max(size, weights.candidates)
    pool = run(client, index, query, size=math.ceil(wanted * weights.pool), source=fetch, clause_scores=True)
    hits = add_structure(need, understanding, pool, weights)[:wanted]
    if hits and hits[0].source.get("_index") not in model.indexes:
        # The alias now points at another index than the model was learned from: learn again next time.
        category_learning.forget(index, unless_built_from=hits[0].source.get("_index"))
    for hit in hits:
        hit.source.pop("_index", None)
    return Candidates(hits=hits, understanding=understanding, model=model)


def rank_listings_for_need(
    client: Elasticsearch,
    index: str,
    need: NeedRecord,
    *,
    size: int = 20,
    weights: Weights = DEFAULT_WEIGHTS,
    source: bool | list[str] = True,
) -> Ranking:
    """Retrieve ``weights.candidates`` listings (at least ``size``), re-rank them, return the best ``size``."""
    found = retrieve_candidates(client, index, need, size=size, weights=weights, source=source)
    hits = rerank(need, found.hits, found.understanding, weights, found.model)
    return Ranking(hits=hits[:size], understanding=found.understanding)


def search_listings_for_need(
    client: Elasticsearch,
    index: str,
    need: NeedRecord,
    *,
    size: int = 20,
    weights: Weights = DEFAULT_WEIGHTS,
    source: bool | list[str] = True,
) -> list[Hit]:
    """Listings for ``need``, best first: the site's recommendations and the evaluation both call this."""
    return rank_listings_for_need(client, index, need, size=size, weights=weights, source=source).hits


def search_needs_for_listing(
    client: Elasticsearch,
    index: str,
    listing: ListingRecord,
    *,
    visibility: dict[str, Any] | None,
    size: int = 20,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Hit]:
    return run(client, index, need_query(listing, weights, visibility), size=size)
