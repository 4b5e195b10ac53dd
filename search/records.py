"""Plain records of what gets indexed, independent of the site's models.

The site builds them from marketplace models (``search.sources``); the matching evaluation builds them from the
judged data set's JSON lines (``from_listing_json`` / ``from_need_json``). Both then go through the same document
builders and the same matching engine, so the evaluation measures the code the site runs.

A ``None`` (or empty list) means "unknown": it constrains nothing when matching.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from cpsplatform.taxonomy import SecurityCategory, VerificationLevel


class _CategoryNames(Mapping[str, tuple[str, str]]):
    """(Japanese, English) name of each ``SecurityCategory`` slug: its label and the label's Japanese translation.

    Read when asked rather than at import, because translating needs the settings loaded. These are the taxonomy's
    own names; the site indexes the (staff-editable) names of its ``SecurityCategory`` rows instead when it has them.
    """

    def __getitem__(self, slug: str) -> tuple[str, str]:
        try:
            category = SecurityCategory(slug)
        except ValueError:
            raise KeyError(slug) from None
        return _bilingual(category)

    def __iter__(self) -> Iterator[str]:
        return iter(SecurityCategory.values)

    def __len__(self) -> int:
        return len(SecurityCategory.values)


@functools.cache
def _bilingual(category: SecurityCategory) -> tuple[str, str]:
    with translation.override("ja"):
        japanese = str(category.label)
    with translation.override("en"):
        english = str(category.label)
    return japanese, english


CATEGORY_NAMES: Mapping[str, tuple[str, str]] = _CategoryNames()

#: Categories whose offers count as incident help for urgent needs (with on-site delivery).
INCIDENT_CATEGORIES = frozenset(
    {SecurityCategory.INCIDENT_RESPONSE.value, SecurityCategory.SME_HELP_PACKAGE.value}
)


@dataclass
class ListingRecord:
    id: str
    name: str
    summary: str = ""
    description: str = ""
    vendor: str | None = None
    vendor_name: str = ""
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    #: Bilingual names of the categories, as the site shows them (defaults to ``CATEGORY_NAMES``).
    category_names: list[str] = field(default_factory=list)
    cpsf_layers: list[int] = field(default_factory=list)
    cpsf_components: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    company_sizes: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    delivery_models: list[str] = field(default_factory=list)
    price_min: int | None = None
    price_max: int | None = None
    verification_level: int | None = None
    verification_kinds: list[str] = field(default_factory=list)
    status: str = "published"
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    #: What result pages show (names and summaries per language, URL); not searched.
    display: dict[str, Any] = field(default_factory=dict)


@dataclass
class NeedRecord:
    id: str
    title: str
    description: str = ""
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    category_names: list[str] = field(default_factory=list)
    cpsf_layers: list[int] = field(default_factory=list)
    cpsf_components: list[str] = field(default_factory=list)
    industry: str | None = None
    company_size: str | None = None
    region: str | None = None
    budget_max: int | None = None
    min_verification: int | None = None
    urgent: bool = False
    need_type: str | None = None
    status: str = "open"
    visibility: str = "public"
    owner_org: str | None = None
    invited_orgs: list[str] = field(default_factory=list)
    expires_at: datetime.datetime | None = None
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    display: dict[str, Any] = field(default_factory=dict)


@dataclass
class EventRecord:
    """A session or meetup of the platform; only published ones are searched."""

    id: str
    title: str
    description: str = ""
    theme: str = ""
    venue: str = ""
    organiser_name: str = ""
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    status: str = "published"
    updated_at: datetime.datetime | None = None
    display: dict[str, Any] = field(default_factory=dict)


def category_names(slugs: list[str]) -> list[str]:
    names: list[str] = []
    for slug in slugs:
        names.extend(CATEGORY_NAMES.get(slug, (slug.replace("-", " "),)))
    return names


# --- the evaluation format --------------------------------------------------------------------------------------


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v is not None and v != ""]
    return [value]


def _str_list(value: Any) -> list[str]:
    return [str(v).strip() for v in _list(value) if str(v).strip()]


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _level(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    try:
        return int(VerificationLevel.from_slug(str(value)))
    except KeyError:
        return None


def _layers(value: Any) -> list[int]:
    layers = []
    for item in _list(value):
        number = _int_or_none(item)
        if number in (1, 2, 3):
            layers.append(number)
    return layers


def _optional_str(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def from_listing_json(row: dict[str, Any]) -> ListingRecord:
    """A listing of the evaluation format (``listings.jsonl``); unknown keys are ignored."""
    categories = _str_list(row.get("categories"))
    return ListingRecord(
        id=str(row["id"]),
        name=_text(row.get("name")),
        summary=_text(row.get("summary")),
        description=_text(row.get("description")),
        vendor=_optional_str(row.get("vendor")),
        vendor_name=_text(row.get("vendor")),
        language=_optional_str(row.get("language")),
        categories=categories,
        category_names=category_names(categories),
        cpsf_layers=_layers(row.get("cpsf_layers")),
        cpsf_components=_str_list(row.get("cpsf_components")),
        industries=_str_list(row.get("industries")),
        company_sizes=_str_list(row.get("company_sizes")),
        regions=_str_list(row.get("regions")),
        price_min=_int_or_none(row.get("price_min")),
        price_max=_int_or_none(row.get("price_max")),
        verification_level=_level(row.get("verification")),
        verification_kinds=[str(row["verification"])] if _level(row.get("verification")) else [],
        display={"name": _text(row.get("name")), "summary": _text(row.get("summary"))},
    )


def from_need_json(row: dict[str, Any]) -> NeedRecord:
    """A need of the evaluation format (``needs.jsonl``); unknown keys are ignored."""
    categories = _str_list(row.get("categories"))
    return NeedRecord(
        id=str(row["id"]),
        title=_text(row.get("title")),
        description=_text(row.get("description")),
        language=_optional_str(row.get("language")),
        categories=categories,
        category_names=category_names(categories),
        cpsf_components=_str_list(row.get("cpsf_components")),
        industry=_optional_str(row.get("industry")),
        company_size=_optional_str(row.get("company_size")),
        region=_optional_str(row.get("region")),
        budget_max=_int_or_none(row.get("budget_max")),
        min_verification=_level(row.get("min_verification")),
        urgent=bool(row.get("urgent") or False),
        display={"title": _text(row.get("title"))},
    )
