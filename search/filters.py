"""Which filters apply to which kind of result, and the active filters as removable chips.

A filter that does not apply to the chosen kind (a verification level when searching needs or events, any facet
when searching events) would either be ignored or silently narrow the results to "0 results" with nothing on the
page to show why. So the search form drops it (``applicable``), and every filter still in force is shown as a
chip that links to the same search without it, labelled in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cpsplatform.taxonomy import CpsfComponent, CpsfLayer, Region, VerificationLevel
from search.queries import SearchParams, category_name, label_choice, price_label

#: The filters (query-string names) each kind of result understands.
APPLICABLE_FILTERS: dict[str, frozenset[str]] = {
    "listings": frozenset({"category", "layer", "component", "region", "level", "price"}),
    "needs": frozenset({"category", "layer", "component", "region", "price"}),
    "events": frozenset(),
}

#: The sort orders each kind of result offers (the search page's select); others fall back to relevance.
APPLICABLE_SORTS: dict[str, tuple[str, ...]] = {
    "listings": ("relevance", "newest", "price", "verification"),
    "needs": ("relevance", "newest", "price"),
    "events": ("relevance", "newest"),
}

FILTER_LABELS = {
    "category": _("Category"),
    "layer": _("CPSF layer"),
    "component": _("CPSF component"),
    "region": _("Region"),
    "level": _("Verification level (at least)"),
    "price": _("Price"),
}


def _values(params: SearchParams) -> list[tuple[str, str]]:
    """The active filters as (query-string name, value) pairs, in the order of the facets."""
    pairs = [("category", value) for value in params.categories]
    pairs += [("layer", str(value)) for value in params.layers]
    pairs += [("component", value) for value in params.components]
    pairs += [("region", value) for value in params.regions]
    if params.min_level:
        pairs.append(("level", str(params.min_level)))
    if params.price:
        pairs.append(("price", params.price))
    return pairs


def applicable(params: SearchParams) -> tuple[SearchParams, list[str]]:
    """``params`` without the filters (and sort) its kind does not understand, and the names of the filters
    dropped (each once)."""
    allowed = APPLICABLE_FILTERS.get(params.kind, frozenset())
    dropped = sorted({name for name, _value in _values(params) if name not in allowed})
    kept = replace(
        params,
        categories=params.categories if "category" in allowed else [],
        layers=params.layers if "layer" in allowed else [],
        components=params.components if "component" in allowed else [],
        regions=params.regions if "region" in allowed else [],
        min_level=params.min_level if "level" in allowed else None,
        price=params.price if "price" in allowed else None,
        sort=params.sort if params.sort in APPLICABLE_SORTS.get(params.kind, ()) else "relevance",
    )
    return kept, dropped


def query_for(params: SearchParams, *, without: tuple[str, str] | None = None) -> QueryDict:
    """The query string of the search ``params`` describe (first page), optionally without one filter."""
    query = QueryDict(mutable=True)
    if params.q:
        query["q"] = params.q
    query["type"] = params.kind
    for name, value in _values(params):
        if (name, value) != without:
            query.appendlist(name, value)
    if params.sort and params.sort != "relevance":
        query["sort"] = params.sort
    return query


def filter_label(name: str) -> str:
    """The name of a filter in the reader's language; the price filter of needs is their budget."""
    return str(FILTER_LABELS.get(name, name))


def value_label(name: str, value: str) -> str:
    """A filter value in the reader's language (never a raw code when the value is known)."""
    if name == "category":
        return category_name(value)
    if name == "layer":
        return label_choice(CpsfLayer, int(value))
    if name == "component":
        return label_choice(CpsfComponent, value)
    if name == "region":
        return str(_("Nationwide")) if value == "nationwide" else label_choice(Region, value)
    if name == "level":
        return label_choice(VerificationLevel, int(value))
    if name == "price":
        return price_label(value)
    return value


@dataclass(frozen=True)
class Chip:
    name: str
    value: str
    label: str
    value_label: str
    #: The query string of the same search without this filter.
    remove_query: str


def chips(params: SearchParams) -> list[Chip]:
    """One removable chip per active filter of ``params`` (call with ``applicable`` params)."""
    budget = params.kind == "needs"
    return [
        Chip(
            name=name,
            value=value,
            label=str(_("Budget")) if budget and name == "price" else filter_label(name),
            value_label=value_label(name, value),
            remove_query=query_for(params, without=(name, value)).urlencode(),
        )
        for name, value in _values(params)
    ]
