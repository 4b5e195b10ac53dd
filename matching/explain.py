"""Explanations a person can read: why a listing was suggested for a need (and the reverse).

An explanation is built from the need, the matched document and the clauses Elasticsearch reports as matched:

- **highlights**: the words of the document that the need's words or concepts matched, marked in the text
  (``<mark>``), per field, in whichever language the document is written;
- **shared concepts**: the glossary concepts both sides mention, named in both languages ("penetration testing /
  ペネトレーションテスト"), which is how an English need reaches a Japanese listing;
- **criteria**: each hard filter and soft preference, met / missed / not stated;
- **verification**: the listing's confirmed level, what the need asked for, and how much it counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cpsplatform.taxonomy import NATIONWIDE, CompanySize, CpsfComponent, Industry, Region, VerificationLevel
from marketplace.choices import VerificationKind
from matching.engine import (
    DEFAULT_WEIGHTS,
    Hit,
    NeedUnderstanding,
    QueryText,
    Weights,
    need_text,
    understand_need,
)
from search.analysis import CONCEPT_PREFIX, term_spans
from search.glossary import CONCEPTS
from search.highlight import snippet
from search.records import CATEGORY_NAMES, INCIDENT_CATEGORIES, NeedRecord

MET, MISSED, UNKNOWN = "met", "missed", "unknown"


@dataclass
class Criterion:
    key: str
    label: str
    status: str  # met | missed | unknown
    detail: str = ""
    hard: bool = False


@dataclass
class Highlight:
    field: str
    label: str
    html: SafeString


@dataclass
class Explanation:
    highlights: list[Highlight] = field(default_factory=list)
    shared_concepts: list[str] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    verification: str = ""
    summary: str = ""

    @property
    def met(self) -> list[Criterion]:
        return [c for c in self.criteria if c.status == MET]

    @property
    def missed(self) -> list[Criterion]:
        return [c for c in self.criteria if c.status == MISSED]


def _concept_names() -> dict[str, str]:
    names = {}
    for concept in CONCEPTS:
        english = next((s for s in concept.surfaces if s.isascii()), concept.id)
        japanese = next((s for s in concept.surfaces if not s.isascii()), "")
        names[CONCEPT_PREFIX + concept.id] = f"{english} / {japanese}" if japanese else english
    return names


_CONCEPT_NAMES: dict[str, str] | None = None


def concept_name(token: str) -> str:
    global _CONCEPT_NAMES
    if _CONCEPT_NAMES is None:
        _CONCEPT_NAMES = _concept_names()
    return _CONCEPT_NAMES.get(token, token.removeprefix(CONCEPT_PREFIX))


def _highlights(
    query: QueryText, source: dict[str, Any], fields: list[tuple[str, str]]
) -> tuple[list[Highlight], list[str]]:
    terms = set(query.terms)
    concepts = {c for c in query.concepts if c not in _GENERIC_CONCEPTS}
    highlights = []
    for field_name, label in fields:
        text = source.get(field_name) or ""
        if not text:
            continue
        normalised, spans = term_spans(text, terms, concepts)
        if spans:
            highlights.append(Highlight(field=field_name, label=label, html=snippet(normalised, spans)))
    document_concepts = set((source.get("concepts") or "").split())
    shared = [
        c for c in dict.fromkeys(query.concepts) if c in document_concepts and c not in _GENERIC_CONCEPTS
    ]
    return highlights, shared


#: Concepts too general to explain a match on their own ("security", "service").
_GENERIC_CONCEPTS = frozenset(
    CONCEPT_PREFIX + c.id
    for c in CONCEPTS
    if not c.categories and c.id not in {"verification", "certification"}
)


def _label(choices, value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _level_label(level: int | None) -> str:
    if level is None:
        return _("unknown")
    try:
        return str(VerificationLevel(level).label)
    except ValueError:
        return str(level)


def _japanese() -> bool:
    return (get_language() or "").startswith("ja")


def category_label(slug: str) -> str:
    """A category's name in the reader's language (the platform's vocabulary, else the site's own rows)."""
    names = CATEGORY_NAMES.get(slug)
    if names is None:
        from marketplace.models import SecurityCategory

        row = SecurityCategory.objects.filter(slug=slug).values_list("name_ja", "name_en").first()
        names = row if row else (slug, slug)
    japanese, english = names
    return (japanese or english) if _japanese() else (english or japanese)


def component_label(code: str) -> str:
    """A CPSF component's translated name."""
    return _label(CpsfComponent, code)


def verification_kind_label(code: str) -> str:
    """What a confirmed record of this kind means (translated); a ladder rung's name for the data sets' levels."""
    try:
        return str(VerificationKind(code).label)
    except ValueError:
        pass
    for level in VerificationLevel:
        if level.name.lower() == code:
            return str(level.label)
    return ""


#: How confident an inference must be to be claimed for a need that names categories of its own.
INFERRED_CLAIM_FLOOR = 0.5


def _percent(confidence: float) -> str:
    return f"{round(confidence * 100)}%"


def _category_criteria(
    need: NeedRecord, understanding: NeedUnderstanding, categories: list[str]
) -> list[Criterion]:
    """The need's named categories (met or missed), and inferred ones the listing has (marked as inferred)."""
    criteria = []
    if need.categories:
        common = [c for c in need.categories if c in categories]
        if common:
            detail = ", ".join(category_label(c) for c in common)
        else:
            detail = _("the need asks for %(want)s") % {
                "want": ", ".join(category_label(c) for c in need.categories)
            }
        criteria.append(Criterion("category", _("Category"), MET if common else MISSED, detail))
    # A need that names its categories said what it wants: another category is only claimed when the inference is
    # confident; a need naming none gets every inferred category the listing has, each marked as inferred.
    floor = INFERRED_CLAIM_FLOOR if need.categories else 0.0
    inferred = [
        (c, p)
        for c, p in understanding.inferred.items()
        if c in categories and c not in need.categories and p >= floor
    ]
    if inferred:
        criteria.append(
            Criterion(
                "inferred_category",
                _("Category (inferred from the need's wording)"),
                MET,
                ", ".join(
                    _("%(category)s (inferred, %(confidence)s confidence)")
                    % {"category": category_label(c), "confidence": _percent(p)}
                    for c, p in inferred
                ),
            )
        )
    return criteria


def explain_listing_for_need(
    need: NeedRecord,
    hit: Hit,
    weights: Weights = DEFAULT_WEIGHTS,
    text: QueryText | None = None,
    understanding: NeedUnderstanding | None = None,
) -> Explanation:
    """Why ``hit`` (a listing document) was suggested for ``need``.

    Every criterion shown as met or missed is true of the need and the listing: named categories are compared
    with the listing's categories, inferred ones are said to be inferred (with the confidence the engine used,
    from ``understanding``), and flags read from the listing's text are said to come from its text.
    """
    text = text or need_text(need)
    source = hit.source
    highlights, shared = _highlights(
        text, source, [("name", _("Name")), ("summary", _("Summary")), ("description", _("Description"))]
    )
    criteria: list[Criterion] = []
    regions = source.get("regions") or []
    if need.region:
        region = _label(Region, need.region)
        if need.region in regions:
            criteria.append(
                Criterion("region", _("Region"), MET, _("Serves %(r)s locally") % {"r": region}, True)
            )
        elif NATIONWIDE in regions:
            criteria.append(
                Criterion(
                    "region", _("Region"), MET, _("Serves all of Japan, incl. %(r)s") % {"r": region}, True
                )
            )
        else:
            criteria.append(Criterion("region", _("Region"), UNKNOWN, _("Regions served not stated"), True))
    price_min = source.get("price_min")
    if need.budget_max is not None:
        if price_min is None:
            criteria.append(Criterion("budget", _("Budget"), UNKNOWN, _("Price not stated"), True))
        else:
            criteria.append(
                Criterion(
                    "budget",
                    _("Budget"),
                    MET if price_min <= need.budget_max else MISSED,
                    _("From ¥%(p)s, budget up to ¥%(b)s")
                    % {"p": f"{price_min:,}", "b": f"{need.budget_max:,}"},
                    True,
                )
            )
    level = source.get("verification_level")
    if need.min_verification:
        criteria.append(
            Criterion(
                "verification",
                _("Verification"),
                UNKNOWN if level is None else (MET if level >= need.min_verification else MISSED),
                _("%(have)s; at least %(want)s required")
                % {"have": _level_label(level), "want": _level_label(need.min_verification)},
                True,
            )
        )
    understanding = understanding or understand_need(need, None, text)
    categories = source.get("categories") or []
    criteria.extend(_category_criteria(need, understanding, categories))
    if need.cpsf_components:
        offered = set(source.get("cpsf_components") or [])
        covered = [c for c in need.cpsf_components if c in offered]
        missing = [c for c in need.cpsf_components if c not in offered]
        parts = []
        if covered:
            parts.append(_("covers %(c)s") % {"c": ", ".join(_label(CpsfComponent, c) for c in covered)})
        if missing:
            parts.append(_("not %(m)s") % {"m": ", ".join(_label(CpsfComponent, c) for c in missing)})
        detail = "; ".join(parts)
        criteria.append(
            Criterion(
                "components",
                _("CPSF components"),
                MET if not missing else (MISSED if not covered else UNKNOWN),
                detail,
            )
        )
    if need.industry:
        industries = source.get("industries") or []
        criteria.append(
            Criterion(
                "industry",
                _("Industry"),
                MET if need.industry in industries else (UNKNOWN if not industries else MISSED),
                _label(Industry, need.industry),
            )
        )
    if need.company_size:
        sizes = source.get("company_sizes") or []
        criteria.append(
            Criterion(
                "company_size",
                _("Company size"),
                MET if need.company_size in sizes else (UNKNOWN if not sizes else MISSED),
                _label(CompanySize, need.company_size),
            )
        )
    if need.urgent:
        criteria.append(_urgent_criterion(need, source))
    verification = _verification_text(
        level, source.get("verification_kinds") or [], need.min_verification, weights
    )
    return Explanation(
        highlights=highlights,
        shared_concepts=[concept_name(c) for c in shared],
        criteria=criteria,
        verification=verification,
        summary=_summary(highlights, shared, criteria),
    )


def _urgent_criterion(need: NeedRecord, source: dict[str, Any]) -> Criterion:
    """Incident help and on-site help, saying whether the listing states them or only mentions them."""
    categories = set(source.get("categories") or [])
    regions = source.get("regions") or []
    if INCIDENT_CATEGORIES & categories:
        incident, incident_text = True, _("incident response offer")
    elif source.get("incident_help"):
        incident, incident_text = True, _("mentions incident response")
    else:
        incident, incident_text = False, _("not an incident response offer")
    if "on_site" in (source.get("delivery_models") or []):
        onsite, onsite_text = True, _("on-site help")
    elif source.get("onsite"):
        onsite, onsite_text = True, _("mentions on-site help")
    else:
        onsite, onsite_text = False, _("no on-site help stated")
    local = bool(need.region and need.region in regions)
    parts = [incident_text, onsite_text] + ([_("based in the region")] if local else [])
    return Criterion(
        "urgent",
        _("Urgent incident help"),
        MET if incident and onsite else (UNKNOWN if incident else MISSED),
        ", ".join(parts),
    )


def _verification_text(level: int | None, kinds: list[str], required: int | None, weights: Weights) -> str:
    if level is None:
        return _("Verification not stated: no verification bonus.")
    bonus = weights.verification_step * max(0, int(level))
    text = _("Confirmed level: %(level)s (%(n)s of 5)") % {"level": _level_label(level), "n": level}
    labels = [label for label in (verification_kind_label(kind) for kind in kinds) if label]
    if labels:
        text += " — " + ", ".join(dict.fromkeys(labels))
    if level <= 0:
        text += ". " + _("Unverified listings get no verification bonus.")
    else:
        text += ". " + _(
            "Each rung of the ladder adds the same bonus: up to +%(b)s here, in proportion to how well the "
            "listing's text fits the need."
        ) % {"b": f"{bonus:.1f}"}
    if required:
        text += " " + (
            _("Meets the minimum the need asks for.")
            if level >= required
            else _("Below the minimum the need asks for.")
        )
    return text


def _summary(highlights: list[Highlight], shared: list[str], criteria: list[Criterion]) -> str:
    met = [c.label for c in criteria if c.status == MET]
    missed = [c.label for c in criteria if c.status == MISSED]
    parts = []
    if shared:
        parts.append(_("Shared topics: %(t)s") % {"t": ", ".join(concept_name(c) for c in shared[:4])})
    elif highlights:
        parts.append(_("Matching words in %(f)s") % {"f": ", ".join(h.label for h in highlights)})
    if met:
        parts.append(_("meets: %(m)s") % {"m": ", ".join(met)})
    if missed:
        parts.append(_("misses: %(m)s") % {"m": ", ".join(missed)})
    return "; ".join(parts)


def explain_need_for_listing(
    listing_text: QueryText, hit: Hit, listing_source: dict[str, Any]
) -> Explanation:
    """Why a need (``hit``) fits a listing: the same signals, seen from the vendor's side."""
    source = hit.source
    highlights, shared = _highlights(
        listing_text, source, [("title", _("Title")), ("description", _("Description"))]
    )
    criteria: list[Criterion] = []
    if source.get("region"):
        regions = listing_source.get("regions") or []
        ok = not regions or NATIONWIDE in regions or source["region"] in regions
        criteria.append(
            Criterion("region", _("Region"), MET if ok else MISSED, _label(Region, source["region"]), True)
        )
    if source.get("budget_max") is not None:
        price_min = listing_source.get("price_min")
        criteria.append(
            Criterion(
                "budget",
                _("Budget"),
                UNKNOWN if price_min is None else (MET if price_min <= source["budget_max"] else MISSED),
                _("Budget up to ¥%(b)s") % {"b": f"{source['budget_max']:,}"},
                True,
            )
        )
    categories = set(listing_source.get("categories") or [])
    named = [c for c in source.get("categories") or [] if c in categories]
    if named:
        criteria.append(
            Criterion("category", _("Category"), MET, ", ".join(category_label(c) for c in named))
        )
    inferred = [c for c in source.get("inferred_categories") or [] if c in categories and c not in named]
    inferred = [c for c in inferred if c not in (source.get("categories") or [])]
    if inferred:
        criteria.append(
            Criterion(
                "inferred_category",
                _("Category (inferred from the need's wording)"),
                MET,
                ", ".join(category_label(c) for c in inferred),
            )
        )
    if source.get("urgent"):
        criteria.append(Criterion("urgent", _("Urgent"), MET, _("The need is urgent")))
    return Explanation(
        highlights=highlights,
        shared_concepts=[concept_name(c) for c in shared],
        criteria=criteria,
        summary=_summary(highlights, shared, criteria),
    )
