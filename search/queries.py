"""The public search over listings and needs: full text, facets, highlighting, sorting, paging.

One function, ``search_site``, decides everything about a search (the views only parse the form and render):
it analyses the words with ``search.analysis`` (so Japanese and English queries find both languages), applies the
visibility rule for needs, asks Elasticsearch for one page of hits plus facet counts, and highlights the words
that matched. When Elasticsearch cannot be reached it raises ``SearchUnavailable``; the view then shows a notice
and keeps what the user typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from elasticsearch_dsl import Q, Search

from cpsplatform.organisations.actor import Actor
from cpsplatform.taxonomy import CpsfComponent, CpsfLayer, Region, VerificationLevel
from search.analysis import analyse, term_spans
from search.highlight import snippet
from search.indexes import UNAVAILABLE_ERRORS, SearchUnavailable, ensure_index, get_client
from search.records import CATEGORY_NAMES
from search.visibility import keep_visible_need_ids, need_visibility_query

PAGE_SIZE = 10
MAX_PAGE = 100
KINDS = ("listings", "needs", "events")
SORTS = ("relevance", "newest", "price", "verification")

#: Price bands (JPY) for the price facet: (key, upper bound or None).
PRICE_BANDS: tuple[tuple[str, int | None], ...] = (
    ("50k", 50_000),
    ("300k", 300_000),
    ("1m", 1_000_000),
    ("5m", 5_000_000),
    ("more", None),
)


@dataclass
class SearchParams:
    q: str = ""
    kind: str = "listings"
    categories: list[str] = field(default_factory=list)
    layers: list[int] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    min_level: int | None = None
    price: str | None = None
    sort: str = "relevance"
    page: int = 1
    #: Needs only: created after this moment (saved-search digests).
    created_after: datetime.datetime | None = None


@dataclass
class Bucket:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    buckets: list[Bucket]


@dataclass
class Result:
    id: str
    kind: str
    title: str
    url: str
    snippet: SafeString
    title_html: SafeString
    source: dict[str, Any]
    categories: list[str] = field(default_factory=list)
    starts_at: datetime.datetime | None = None


@dataclass
class SearchPage:
    params: SearchParams
    results: list[Result]
    total: int
    facets: list[Facet]

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))

    @property
    def has_next(self) -> bool:
        return self.params.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1


def _text_query(q: str, kind: str) -> Q:
    analysed = analyse(q)
    name_field = "name" if kind == "listings" else "title"
    should: list[Q] = []
    if analysed.terms:
        should.append(
            Q(
                "multi_match",
                query=analysed.terms_text,
                fields=["name_terms^3", "body_terms", "category_terms^2"],
                type="most_fields",
                operator="or",
                boost=2.0,
            )
        )
    if analysed.concepts:
        should.append(Q("match", concepts={"query": analysed.concepts_text, "boost": 1.5}))
        should.append(Q("match", name_concepts={"query": analysed.concepts_text}))
    bigram_fields = [f"{name_field}.bigram^2"]
    if kind == "listings":
        bigram_fields.append("summary.bigram")
    should.append(Q("multi_match", query=q, fields=bigram_fields, type="most_fields", boost=0.5))
    return Q("bool", should=should, minimum_should_match=1)


def _filters(params: SearchParams, actor: Actor) -> list[Q]:
    if params.kind == "events":
        # Published sessions and meetups; the facets of listings and needs do not apply to them.
        return [Q("term", status="published")]
    filters: list[Q] = []
    if params.kind == "listings":
        filters.append(Q("term", status="published"))
        region_field, price_field = "regions", "price_min"
    else:
        filters.append(Q("terms", status=["open", "in_discussion"]))
        filters.append(Q("range", expires_at={"gt": "now"}))
        visibility = need_visibility_query(actor)
        if visibility is not None:
            filters.append(visibility)
        region_field, price_field = "region", "budget_max"
        if params.created_after is not None:
            filters.append(Q("range", created_at={"gt": params.created_after.isoformat()}))
    if params.categories:
        filters.append(Q("terms", categories=params.categories))
    if params.layers:
        filters.append(Q("terms", cpsf_layers=params.layers))
    if params.components:
        filters.append(Q("terms", cpsf_components=params.components))
    if params.regions:
        regions = list(params.regions)
        if params.kind == "listings":
            regions.append("nationwide")
        filters.append(Q("terms", **{region_field: regions}))
    if params.min_level:
        level_field = "verification_level" if params.kind == "listings" else "min_verification"
        filters.append(Q("range", **{level_field: {"gte": params.min_level}}))
    if params.price:
        bounds = dict(PRICE_BANDS)
        keys = [key for key, _ in PRICE_BANDS]
        if params.price in bounds:
            position = keys.index(params.price)
            lower = PRICE_BANDS[position - 1][1] if position > 0 else None
            upper = bounds[params.price]
            price_range: dict[str, int] = {}
            if lower is not None:
                price_range["gt"] = lower
            if upper is not None:
                price_range["lte"] = upper
            filters.append(Q("range", **{price_field: price_range}))
    return filters


def _sort(params: SearchParams) -> list[Any]:
    if params.kind == "events":
        if params.sort == "relevance" and params.q.strip():
            return ["_score", {"starts_at": {"order": "desc"}}]
        return [{"starts_at": {"order": "desc", "missing": "_last"}}, "_score"]
    date_field = "published_at" if params.kind == "listings" else "created_at"
    if params.sort == "newest" or (params.sort == "relevance" and not params.q.strip()):
        return [{date_field: {"order": "desc", "missing": "_last"}}, "_score"]
    if params.sort == "price":
        price_field = "price_min" if params.kind == "listings" else "budget_max"
        order = "asc" if params.kind == "listings" else "desc"
        return [{price_field: {"order": order, "missing": "_last"}}, "_score"]
    if params.sort == "verification" and params.kind == "listings":
        return [{"verification_level": {"order": "desc", "missing": "_last"}}, "_score"]
    return ["_score", {date_field: {"order": "desc", "missing": "_last"}}]


def _with_facets(search: Search, kind: str) -> Search:
    """``search`` asking for the facet counts of ``kind`` (events have none)."""
    if kind == "events":
        return search
    price_field = "price_min" if kind == "listings" else "budget_max"
    ranges = []
    lower = None
    for key, upper in PRICE_BANDS:
        band: dict[str, Any] = {"key": key}
        if lower is not None:
            band["from"] = lower + 1
        if upper is not None:
            band["to"] = upper + 1
        ranges.append(band)
        lower = upper
    search.aggs.bucket("categories", "terms", field="categories", size=40)
    search.aggs.bucket("layers", "terms", field="cpsf_layers", size=3)
    search.aggs.bucket("components", "terms", field="cpsf_components", size=6)
    search.aggs.bucket("regions", "terms", field="regions" if kind == "listings" else "region", size=10)
    search.aggs.bucket("price", "range", field=price_field, ranges=ranges)
    if kind == "listings":
        search.aggs.bucket("levels", "terms", field="verification_level", size=6)
    return search


def label_choice(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def price_label(key: str) -> str:
    """A price band (``PRICE_BANDS``) named in the reader's language."""
    labels = {
        "50k": _("up to ¥50,000"),
        "300k": _("¥50,001–300,000"),
        "1m": _("¥300,001–1,000,000"),
        "5m": _("¥1,000,001–5,000,000"),
        "more": _("over ¥5,000,000"),
    }
    return str(labels.get(key, key))


def _facets(params: SearchParams, aggregations: dict[str, Any]) -> list[Facet]:
    if params.kind == "events":
        return []

    def buckets(name: str, label, selected: set[str]) -> list[Bucket]:
        found = aggregations.get(name, {}).get("buckets", [])
        return [
            Bucket(str(b["key"]), label(b["key"]), b["doc_count"], str(b["key"]) in selected)
            for b in found
            if b["doc_count"]
        ]

    facets = [
        Facet("category", _("Category"), buckets("categories", category_name, set(params.categories))),
        Facet(
            "layer",
            _("CPSF layer"),
            buckets("layers", lambda v: label_choice(CpsfLayer, int(v)), {str(v) for v in params.layers}),
        ),
        Facet(
            "component",
            _("CPSF component"),
            buckets("components", lambda v: label_choice(CpsfComponent, v), set(params.components)),
        ),
        Facet(
            "region",
            _("Region"),
            buckets(
                "regions",
                lambda v: _("Nationwide") if v == "nationwide" else label_choice(Region, v),
                set(params.regions),
            ),
        ),
    ]
    if params.kind == "listings":
        facets.append(
            Facet(
                "level",
                _("Verification level (at least)"),
                buckets(
                    "levels",
                    lambda v: label_choice(VerificationLevel, int(v)),
                    {str(params.min_level)} if params.min_level else set(),
                ),
            )
        )
    facets.append(
        Facet(
            "price",
            _("Price") if params.kind == "listings" else _("Budget"),
            [
                Bucket(b["key"], price_label(b["key"]), b["doc_count"], b["key"] == params.price)
                for b in aggregations.get("price", {}).get("buckets", [])
                if b["doc_count"]
            ],
        )
    )
    return [facet for facet in facets if facet.buckets]


def _in_language(display: dict[str, Any], field_name: str, fallback: str) -> str:
    """The ``display`` text in the reader's language, else the other one, else the searched text's first line."""
    first, second = ("en", "ja") if get_language() == "en" else ("ja", "en")
    return (
        display.get(f"{field_name}_{first}")
        or display.get(f"{field_name}_{second}")
        or display.get(field_name)
        or (fallback or "").split("\n")[0]
    )


def _result(kind: str, hit: dict[str, Any], q: str) -> Result:
    source = hit.get("_source", {})
    analysed = analyse(q)
    terms, concepts = set(analysed.terms), set(analysed.concepts)
    display = source.get("display") or {}
    if kind == "listings":
        title = _in_language(display, "name", source.get("name") or "")
        bodies = [
            _in_language(display, "summary", source.get("summary") or ""),
            source.get("description") or "",
        ]
    else:
        title = _in_language(display, "title", source.get("title") or "")
        bodies = [source.get("description") or ""]
    title_text, title_spans = term_spans(title, terms, concepts) if q else (title, [])
    body_text, body_spans = bodies[0], []
    for body in bodies:
        if not body:
            continue
        text, spans = term_spans(body, terms, concepts) if q else (body, [])
        if spans or not body_text:
            body_text, body_spans = text, spans
            if spans:
                break
    return Result(
        id=hit["_id"],
        kind=kind,
        title=title,
        url=display.get("url", ""),
        title_html=snippet(title_text, title_spans, width=200),
        snippet=snippet(body_text, body_spans, width=240),
        source=source,
        categories=[category_name(slug) for slug in source.get("categories") or []],
        starts_at=parse_datetime(source["starts_at"]) if source.get("starts_at") else None,
    )


def category_name(slug: str) -> str:
    names = CATEGORY_NAMES.get(slug)
    return (names[1] if get_language() == "en" else names[0]) if names else slug


def site_search(params: SearchParams, actor: Actor) -> Search:
    """The request ``search_site`` sends for ``params`` (index and connection are added when it is sent)."""
    if params.kind not in KINDS:
        raise ValueError(f"Unknown search kind {params.kind!r}")
    filters = _filters(params, actor)
    if params.q.strip():
        query = Q("bool", filter=filters, must=[_text_query(params.q.strip(), params.kind)])
    else:
        query = Q("bool", filter=filters)
    start = (max(1, min(params.page, MAX_PAGE)) - 1) * PAGE_SIZE
    search = (
        Search().query(query).sort(*_sort(params)).extra(track_total_hits=True)[start : start + PAGE_SIZE]
    )
    return _with_facets(search, params.kind)


def search_site(params: SearchParams, actor: Actor) -> SearchPage:
    """One page of results for ``params`` as ``actor`` may see them."""
    search = site_search(params, actor)
    client = get_client(timeout=5, retries=0)
    try:
        index = ensure_index(client, params.kind)
        response = search.using(client).index(index).execute().to_dict()
    except UNAVAILABLE_ERRORS as error:
        raise SearchUnavailable(str(error)) from error
    hits = response["hits"]["hits"]
    if params.kind == "needs":
        visible = keep_visible_need_ids(actor, [hit["_id"] for hit in hits])
        hits = [hit for hit in hits if hit["_id"] in visible]
    return SearchPage(
        params=params,
        results=[_result(params.kind, hit, params.q.strip()) for hit in hits],
        total=int(response["hits"]["total"]["value"]),
        facets=_facets(params, response.get("aggregations", {})),
    )


__all__ = ["SearchPage", "SearchParams", "SearchUnavailable", "search_site"]
