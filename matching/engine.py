"""The matching engine: need → listings and listing → needs, in one Elasticsearch query each.

A query combines, in a single ``bool``:

- **hard filters** (``filter``): published listings only; the need's region is served (or the listing serves
  the whole country); the listing's entry price fits the need's budget; the listing's confirmed verification
  level reaches the need's minimum. Unknown values on either side constrain nothing.
- **text relevance** (``should``): the need's title and description, analysed by ``search.analysis`` (Japanese
  morphemes, English stems), against the listing's name, summary/description and category names; the shared
  glossary concepts (the cross-language bridge: an English need meets a Japanese listing through ``c.pentest``);
  and character bigrams of the raw text for recall on Japanese compounds.
- **structure** (``should`` with ``constant_score``): overlap of categories (named by the need, or inferred from
  its text through the glossary) and CPSF components, industry, company size, the verification level, local
  presence in the need's region, and — for urgent needs — incident-response offers with on-site help.
- **freshness**: a small bonus for listings published in the last months (constant-score date ranges).

The same functions serve the site, the evaluation command and the benchmark, so what is measured is what runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch

from cpsplatform.taxonomy import NATIONWIDE
from search.analysis import Analysis, analyse, analyse_many, generic_concepts
from search.documents import infer_categories
from search.records import INCIDENT_CATEGORIES, ListingRecord, NeedRecord


@dataclass(frozen=True)
class Weights:
    """How much each signal counts. One set for every data set: tuned for generality, not per corpus."""

    title_terms: float = 2.0
    body_terms: float = 1.0
    concepts: float = 3.0
    title_concepts: float = 1.0
    bigrams: float = 0.0
    category: float = 6.0
    inferred_category: float = 2.5
    component: float = 1.0
    industry: float = 1.5
    company_size: float = 1.0
    verification_step: float = 0.4
    local_presence: float = 0.8
    urgent_incident: float = 8.0
    urgent_onsite: float = 3.0
    urgent_local: float = 3.0
    freshness: float = 0.5


DEFAULT_WEIGHTS = Weights()

#: Listing fields the text clauses search (the analysed fields written by ``search.documents``).
TEXT_FIELDS = ("name_terms", "body_terms", "category_terms")
BIGRAM_FIELDS = ("name.bigram", "summary.bigram")
#: The plain BM25 baseline's fields: raw text, standard analyzer.
BASELINE_LISTING_FIELDS = ("name", "summary", "description")
HIGHLIGHT_LISTING_FIELDS = ("name", "summary", "description")


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


def _const(name: str, query: dict[str, Any], boost: float) -> dict[str, Any]:
    return {"constant_score": {"filter": query, "boost": boost, "_name": name}}


def _match(field_name: str, text: str, boost: float, name: str) -> dict[str, Any] | None:
    if not text.strip() or boost <= 0:
        return None
    return {"match": {field_name: {"query": text, "boost": boost, "_name": name}}}


def _missing(field_name: str) -> dict[str, Any]:
    return {"bool": {"must_not": {"exists": {"field": field_name}}}}


def _either(*clauses: dict[str, Any]) -> dict[str, Any]:
    return {"bool": {"should": list(clauses), "minimum_should_match": 1}}


def _text_clauses(text: QueryText, weights: Weights, fields: tuple[str, str, str]) -> list[dict[str, Any]]:
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
            {
                "combined_fields": {
                    "query": words,
                    "fields": [f"{name_field}^2", body_field, category_field],
                    "boost": boost,
                    "_name": name,
                }
            }
        )
    # Specific concepts only: "security" or "service" would match nearly every document and decide nothing.
    generic = generic_concepts()
    concepts = " ".join(c for c in dict.fromkeys(text.concepts) if c not in generic)
    if concepts and weights.concepts > 0:
        clauses.append(
            {
                "combined_fields": {
                    "query": concepts,
                    "fields": ["concepts", f"name_concepts^{1 + weights.title_concepts:g}"],
                    "boost": weights.concepts,
                    "_name": "concepts",
                }
            }
        )
    return [clause for clause in clauses if clause]


def _freshness(date_field: str, weights: Weights) -> list[dict[str, Any]]:
    """Recent documents get a small bonus: half for the last six months, all of it for the last month.

    Two constant-score date ranges rather than a decay function: a ``function_score`` around the whole query
    would have to score every matching document and defeat Lucene's top-k pruning (block-max WAND).
    """
    if weights.freshness <= 0:
        return []
    return [
        _const("fresh:180d", {"range": {date_field: {"gte": "now-180d/d"}}}, weights.freshness / 2),
        _const("fresh:30d", {"range": {date_field: {"gte": "now-30d/d"}}}, weights.freshness / 2),
    ]


def need_categories(need: NeedRecord, text: QueryText | None = None) -> tuple[list[str], list[str]]:
    """(categories the need names, categories inferred from its text that it does not name)."""
    text = text or need_text(need)
    inferred = [c for c in infer_categories(text.concepts) if c not in need.categories][:3]
    return list(need.categories), inferred


def listing_filters(need: NeedRecord) -> list[dict[str, Any]]:
    """The hard constraints a listing must meet for ``need``."""
    filters: list[dict[str, Any]] = [{"term": {"status": "published"}}]
    if need.region:
        filters.append(_either({"terms": {"regions": [need.region, NATIONWIDE]}}, _missing("regions")))
    if need.budget_max is not None:
        filters.append(_either({"range": {"price_min": {"lte": need.budget_max}}}, _missing("price_min")))
    if need.min_verification:
        filters.append(
            _either(
                {"range": {"verification_level": {"gte": need.min_verification}}},
                _missing("verification_level"),
            )
        )
    return filters


def listing_query(need: NeedRecord, weights: Weights = DEFAULT_WEIGHTS) -> dict[str, Any]:
    """The one ES query that ranks listings for ``need``."""
    text = need_text(need)
    should = _text_clauses(text, weights, ("name_terms", "body_terms", "category_terms"))
    bigram = {
        "multi_match": {
            "query": text.raw,
            "fields": list(BIGRAM_FIELDS),
            "type": "most_fields",
            "boost": weights.bigrams,
            "_name": "bigrams",
        }
    }
    if weights.bigrams > 0:
        should.append(bigram)

    named, inferred = need_categories(need, text)
    if named:
        should.append(_const("category", {"terms": {"categories": named}}, weights.category))
    if inferred:
        should.append(
            _const("inferred_category", {"terms": {"categories": inferred}}, weights.inferred_category)
        )
    for component in need.cpsf_components:
        should.append(
            _const(f"component:{component}", {"term": {"cpsf_components": component}}, weights.component)
        )
    if need.industry:
        should.append(_const("industry", {"term": {"industries": need.industry}}, weights.industry))
    if need.company_size:
        should.append(
            _const("company_size", {"term": {"company_sizes": need.company_size}}, weights.company_size)
        )
    # One clause per rung, each matching only the listings on it (cheaper than overlapping ">= rung" ranges).
    for level in range(1, 6):
        should.append(
            _const(
                f"verification:{level}",
                {"term": {"verification_level": level}},
                weights.verification_step * level,
            )
        )
    if need.region:
        should.append(_const("local", {"term": {"regions": need.region}}, weights.local_presence))
    if need.urgent:
        should.append(
            _const(
                "urgent_incident",
                _either(
                    {"term": {"incident_help": True}}, {"terms": {"categories": sorted(INCIDENT_CATEGORIES)}}
                ),
                weights.urgent_incident,
            )
        )
        should.append(_const("urgent_onsite", {"term": {"onsite": True}}, weights.urgent_onsite))
        if need.region:
            should.append(_const("urgent_local", {"term": {"regions": need.region}}, weights.urgent_local))

    if need.urgent:
        should.append(_const("incident_help", {"term": {"incident_help": True}}, 0.0))
    should.extend(_freshness("published_at", weights))
    return _combine(should, listing_filters(need))


#: Clauses that admit a document: its title words, a specific shared concept or a category. The need's other
#: words only add to the score of admitted documents; requiring them would admit nearly every document (any shared
#: word) and make every query scan most of the index.
RELEVANCE_CLAUSES = frozenset(
    {"title_terms", "concepts", "bigrams", "category", "inferred_category", "incident_help"}
)


def _clause_name(clause: dict[str, Any]) -> str | None:
    body = next(iter(clause.values()))
    if "_name" in body:
        return body["_name"]
    inner = next(iter(body.values()), None)
    if isinstance(inner, dict):
        return inner.get("_name")
    return None


def _combine(should: list[dict[str, Any]], filters: list[dict[str, Any]]) -> dict[str, Any]:
    """``filters`` AND at least one relevance clause; every clause adds to the score."""
    relevance = [clause for clause in should if _clause_name(clause) in RELEVANCE_CLAUSES]
    structure = [clause for clause in should if _clause_name(clause) not in RELEVANCE_CLAUSES]
    query: dict[str, Any] = {"filter": filters, "should": structure}
    if relevance:
        query["must"] = [{"bool": {"should": relevance, "minimum_should_match": 1}}]
    return {"bool": query}


def baseline_query(need: NeedRecord, fields: tuple[str, ...] = BASELINE_LISTING_FIELDS) -> dict[str, Any]:
    """The plain BM25 baseline: one ``multi_match`` of the need's raw text over raw text fields."""
    return {"multi_match": {"query": f"{need.title}\n{need.description}", "fields": list(fields)}}


# --- listing → needs --------------------------------------------------------------------------------------------


def need_filters(listing: ListingRecord) -> list[dict[str, Any]]:
    """The hard constraints, reversed: needs this listing can serve."""
    filters: list[dict[str, Any]] = [{"terms": {"status": ["open", "in_discussion"]}}]
    filters.append(_either({"range": {"expires_at": {"gt": "now"}}}, _missing("expires_at")))
    if listing.regions and NATIONWIDE not in listing.regions:
        filters.append(_either({"terms": {"region": listing.regions}}, _missing("region")))
    if listing.price_min is not None:
        filters.append(_either({"range": {"budget_max": {"gte": listing.price_min}}}, _missing("budget_max")))
    if listing.verification_level is not None:
        filters.append(
            _either(
                {"range": {"min_verification": {"lte": listing.verification_level}}},
                _missing("min_verification"),
            )
        )
    return filters


def need_query(
    listing: ListingRecord, weights: Weights = DEFAULT_WEIGHTS, visibility: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The one ES query that ranks needs for ``listing`` (``visibility``: the viewer's need filter)."""
    text = listing_text(listing)
    should = _text_clauses(text, weights, ("name_terms", "body_terms", "category_terms"))
    if weights.bigrams > 0:
        should.append(
            {
                "multi_match": {
                    "query": text.raw,
                    "fields": ["title.bigram"],
                    "type": "most_fields",
                    "boost": weights.bigrams,
                    "_name": "bigrams",
                }
            }
        )
    inferred = [c for c in infer_categories(text.concepts) if c not in listing.categories][:3]
    if listing.categories:
        should.append(_const("category", {"terms": {"categories": listing.categories}}, weights.category))
        should.append(
            _const(
                "inferred_category",
                {"terms": {"inferred_categories": listing.categories}},
                weights.inferred_category,
            )
        )
    if inferred:
        should.append(
            _const("inferred_category", {"terms": {"categories": inferred}}, weights.inferred_category / 2)
        )
    for component in listing.cpsf_components:
        should.append(
            _const(f"component:{component}", {"term": {"cpsf_components": component}}, weights.component)
        )
    if listing.industries:
        should.append(_const("industry", {"terms": {"industry": listing.industries}}, weights.industry))
    if listing.company_sizes:
        should.append(
            _const("company_size", {"terms": {"company_size": listing.company_sizes}}, weights.company_size)
        )
    if listing.regions and NATIONWIDE not in listing.regions:
        should.append(_const("local", {"terms": {"region": listing.regions}}, weights.local_presence))
    if INCIDENT_CATEGORIES & set(listing.categories):
        should.append(_const("urgent_incident", {"term": {"urgent": True}}, weights.urgent_incident / 2))
    filters = need_filters(listing)
    if visibility is not None:
        filters.append(visibility)
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


def run(
    client: Elasticsearch,
    index: str,
    query: dict[str, Any],
    *,
    size: int = 20,
    source: bool | list[str] = True,
    request_timeout: float | None = None,
) -> list[Hit]:
    options = {"request_timeout": request_timeout} if request_timeout else {}
    response = client.options(**options).search(
        index=index, query=query, size=size, source=source, track_total_hits=False
    )
    return [
        Hit(
            id=hit["_id"],
            score=float(hit["_score"] or 0.0),
            source=hit.get("_source", {}),
            matched=list(hit.get("matched_queries", [])),
        )
        for hit in response["hits"]["hits"]
    ]


def urgent_first(need: NeedRecord, hits: list[Hit]) -> list[Hit]:
    """For an urgent need: incident-response offers with on-site help serving the need's region come first
    (in score order), then everything else (in score order)."""
    if not need.urgent:
        return hits

    def first(hit: Hit) -> bool:
        source = hit.source
        incident = bool(source.get("incident_help")) or bool(
            INCIDENT_CATEGORIES & set(source.get("categories") or [])
        )
        regions = source.get("regions") or []
        serves = not need.region or not regions or need.region in regions or NATIONWIDE in regions
        return incident and bool(source.get("onsite")) and serves

    return [hit for hit in hits if first(hit)] + [hit for hit in hits if not first(hit)]


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
    if need.urgent and source is not True:
        source = sorted({*(source or []), "incident_help", "categories", "regions", "onsite", "vendor"})
    return urgent_first(need, run(client, index, listing_query(need, weights), size=size, source=source))


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
