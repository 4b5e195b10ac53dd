"""Elasticsearch documents for listings and needs: explicit mappings and the builders that fill them.

Mapping choices (the node is core-only: no language plugins):

- ``*_terms`` and ``*concepts`` hold the output of ``search.analysis`` and are split by the ``whitespace``
  analyzer: Japanese morphemes, English stems and glossary concept tokens, already normalised in Python.
- raw text fields (``name``, ``summary``, ``description``, ``title``) use the ``standard`` analyzer; they serve
  the plain BM25 baseline and full-text highlighting, and carry a ``.bigram`` sub-field (standard tokenizer +
  shingles joined without separator) that turns Japanese into overlapping character pairs for recall.
- structured fields are keywords and numbers, used by filters and constant-score boosts.
"""

from __future__ import annotations

import datetime
from typing import Any

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    MetaField,
    Object,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import analyse, analyse_many, concept_categories
from search.discussions_index import MessageDocument, message_action
from search.flags import text_flags
from search.records import INCIDENT_CATEGORIES, EventRecord, ListingRecord, NeedRecord

_bigram_filter = token_filter(
    "cpsp_bigram_shingle",
    "shingle",
    min_shingle_size=2,
    max_shingle_size=2,
    output_unigrams=False,
    output_unigrams_if_no_shingles=True,
    token_separator="",
)
BIGRAM_ANALYZER = analyzer("cpsp_bigram", tokenizer="standard", filter=["lowercase", _bigram_filter])

# One replica wherever a second node exists (a cluster keeps answering searches with a node down), none on a
# single node (which would otherwise stay yellow for ever).
INDEX_SETTINGS: dict[str, Any] = {
    "number_of_shards": 1,
    "auto_expand_replicas": "0-1",
    "refresh_interval": "1s",
}


# No query of ours uses positions (no phrase queries; highlighting is done in Python), so text fields index term
# frequencies only: smaller indexes, faster bulk loads. Norms stay on: BM25 needs field lengths.


def _raw_text(bigrams: bool = False) -> Text:
    if bigrams:
        return Text(
            analyzer="standard",
            index_options="freqs",
            fields={"bigram": Text(analyzer=BIGRAM_ANALYZER, index_options="freqs")},
        )
    return Text(analyzer="standard", index_options="freqs")


def _terms() -> Text:
    return Text(analyzer="whitespace", index_options="freqs")


class _AnalysedDocument(Document):
    """What every indexed kind has: the Python analysis output the engine and search page query, and a display
    snapshot. Never indexed itself; subclasses inherit its mapping."""

    object_id = Keyword()
    name_terms = _terms()
    body_terms = _terms()
    category_terms = _terms()
    name_concepts = _terms()
    concepts = _terms()
    updated_at = Date()
    display = Object(enabled=False)

    class Meta:
        dynamic = MetaField("strict")


class _ClassifiedDocument(_AnalysedDocument):
    """Listings and needs: classified by security category and CPSF, which matching compares."""

    language = Keyword()
    category_names = Keyword(index=False, doc_values=False)
    categories = Keyword()
    inferred_categories = Keyword()
    cpsf_layers = Integer()
    cpsf_components = Keyword()


class ListingDocument(_ClassifiedDocument):
    """A solution listing (``search.records.ListingRecord``), in every language it is written in."""

    vendor = Keyword()
    vendor_name = Text(analyzer="standard", index_options="freqs")
    name = _raw_text(bigrams=True)
    summary = _raw_text(bigrams=True)
    #: bigrams here too: the engine's fallback for Japanese inflection and compounds in the description's words
    description = _raw_text(bigrams=True)
    industries = Keyword()
    company_sizes = Keyword()
    regions = Keyword()
    delivery_models = Keyword()
    price_min = Long()
    price_max = Long()
    verification_level = Integer()
    verification_kinds = Keyword()
    incident_help = Boolean()
    onsite = Boolean()
    status = Keyword()
    published_at = Date()

    class Meta:
        dynamic = MetaField("strict")

    class Index:
        name = "listings-unbound"  # real names are given per index by search.indexes


class NeedDocument(_ClassifiedDocument):
    title = _raw_text(bigrams=True)
    description = _raw_text()
    industry = Keyword()
    company_size = Keyword()
    region = Keyword()
    budget_max = Long()
    min_verification = Integer()
    urgent = Boolean()
    need_type = Keyword()
    status = Keyword()
    visibility = Keyword()
    owner_org = Keyword()
    invited_orgs = Keyword()
    expires_at = Date()
    created_at = Date()

    class Meta:
        dynamic = MetaField("strict")

    class Index:
        name = "needs-unbound"


class EventDocument(_AnalysedDocument):
    """A published session or meetup: searched by its words, sorted by date."""

    title = _raw_text(bigrams=True)
    description = _raw_text()
    organiser_name = Text(analyzer="standard", index_options="freqs")
    starts_at = Date()
    ends_at = Date()
    created_at = Date()
    status = Keyword()

    class Meta:
        dynamic = MetaField("strict")

    class Index:
        name = "events-unbound"


DOCUMENTS: dict[str, type[Document]] = {
    "listings": ListingDocument,
    "needs": NeedDocument,
    "events": EventDocument,
    "messages": MessageDocument,
}


def index_body(kind: str) -> dict[str, Any]:
    """Settings (with our analyzers) and mappings for a new index of ``kind``."""
    mapping = DOCUMENTS[kind]._doc_type.mapping
    analysis = mapping._collect_analysis()
    return {"settings": {**INDEX_SETTINGS, "analysis": analysis}, "mappings": mapping.to_dict()}


def infer_categories(concepts: tuple[str, ...] | list[str], minimum: int = 1) -> list[str]:
    """Categories a text is about, from the glossary concepts found in it (most frequent first)."""
    counts: dict[str, int] = {}
    for concept in concepts:
        for category in concept_categories(concept):
            counts[category] = counts.get(category, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [category for category, count in ranked if count >= minimum]


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _version(updated_at: datetime.datetime | None) -> int | None:
    """External version of a document: the object's last change in microseconds (see ``search.sync``)."""
    return int(updated_at.timestamp() * 1_000_000) if updated_at else None


def listing_source(record: ListingRecord) -> dict[str, Any]:
    """The ``_source`` of a listing document."""
    name = analyse(record.name)
    body = analyse_many([record.summary, record.description])
    category_text = analyse_many(record.category_names)
    concepts = name.concepts + body.concepts
    flags = text_flags(record.name, record.summary, record.description)  # a negated mention sets no flag
    is_incident = bool(INCIDENT_CATEGORIES & set(record.categories)) or flags.incident_help
    return {
        "object_id": record.id,
        "vendor": record.vendor,
        "vendor_name": record.vendor_name,
        "language": record.language,
        "name": record.name,
        "summary": record.summary,
        "description": record.description,
        "category_names": " / ".join(record.category_names),
        "name_terms": name.terms_text,
        "body_terms": body.terms_text,
        "category_terms": category_text.terms_text,
        "name_concepts": name.concepts_text,
        "concepts": " ".join(concepts),
        "categories": record.categories,
        "inferred_categories": infer_categories(concepts),
        "cpsf_layers": record.cpsf_layers,
        "cpsf_components": record.cpsf_components,
        "industries": record.industries,
        "company_sizes": record.company_sizes,
        "regions": record.regions,
        "delivery_models": record.delivery_models,
        "price_min": record.price_min,
        "price_max": record.price_max,
        "verification_level": record.verification_level,
        "verification_kinds": record.verification_kinds,
        "incident_help": is_incident,
        "onsite": "on_site" in record.delivery_models or flags.onsite,
        "status": record.status,
        "published_at": _iso(record.published_at),
        "updated_at": _iso(record.updated_at),
        "display": record.display,
    }


def need_source(record: NeedRecord) -> dict[str, Any]:
    """The ``_source`` of a need document."""
    title = analyse(record.title)
    body = analyse(record.description)
    category_text = analyse_many(record.category_names)
    concepts = title.concepts + body.concepts
    return {
        "object_id": record.id,
        "language": record.language,
        "title": record.title,
        "description": record.description,
        "category_names": " / ".join(record.category_names),
        "name_terms": title.terms_text,
        "body_terms": body.terms_text,
        "category_terms": category_text.terms_text,
        "name_concepts": title.concepts_text,
        "concepts": " ".join(concepts),
        "categories": record.categories,
        "inferred_categories": infer_categories(concepts),
        "cpsf_layers": record.cpsf_layers,
        "cpsf_components": record.cpsf_components,
        "industry": record.industry,
        "company_size": record.company_size,
        "region": record.region,
        "budget_max": record.budget_max,
        "min_verification": record.min_verification,
        "urgent": record.urgent,
        "need_type": record.need_type,
        "status": record.status,
        "visibility": record.visibility,
        "owner_org": record.owner_org,
        "invited_orgs": record.invited_orgs,
        "expires_at": _iso(record.expires_at),
        "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at),
        "display": record.display,
    }


def event_source(record: EventRecord) -> dict[str, Any]:
    """The ``_source`` of an event document."""
    title = analyse(record.title)
    body = analyse_many([record.theme, record.description, record.venue])
    return {
        "object_id": record.id,
        "title": record.title,
        "description": "\n".join(text for text in (record.theme, record.description) if text),
        "name_terms": title.terms_text,
        "body_terms": body.terms_text,
        "category_terms": "",
        "name_concepts": title.concepts_text,
        "concepts": " ".join(title.concepts + body.concepts),
        "organiser_name": record.organiser_name,
        "starts_at": _iso(record.starts_at),
        "ends_at": _iso(record.ends_at),
        "created_at": _iso(record.starts_at),
        "status": record.status,
        "updated_at": _iso(record.updated_at),
        "display": record.display,
    }


def event_action(record: EventRecord, index: str) -> dict[str, Any]:
    return _action(index, record.id, event_source(record), _version(record.updated_at))


def action_for(kind: str, record: Any, index: str) -> dict[str, Any]:
    """The bulk ``index`` action of any record kind."""
    builders = {
        "listings": listing_action,
        "needs": need_action,
        "events": event_action,
        "messages": message_action,
    }
    return builders[kind](record, index)


def listing_action(record: ListingRecord, index: str) -> dict[str, Any]:
    """A bulk ``index`` action for a listing (externally versioned when the record knows its last change)."""
    return _action(index, record.id, listing_source(record), _version(record.updated_at))


def need_action(record: NeedRecord, index: str) -> dict[str, Any]:
    return _action(index, record.id, need_source(record), _version(record.updated_at))


def _action(index: str, doc_id: str, source: dict[str, Any], version: int | None) -> dict[str, Any]:
    action: dict[str, Any] = {"_op_type": "index", "_index": index, "_id": doc_id, "_source": source}
    if version is not None:
        action["version"] = version
        action["version_type"] = "external_gte"
    return action
