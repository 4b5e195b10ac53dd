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
from django.utils.translation import gettext as _

from cpsplatform.taxonomy import NATIONWIDE, CompanySize, CpsfComponent, Industry, Region, VerificationLevel
from matching.engine import DEFAULT_WEIGHTS, Hit, QueryText, Weights, need_categories, need_text
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


def _category_label(slug: str) -> str:
    names = CATEGORY_NAMES.get(slug)
    return f"{names[1]} / {names[0]}" if names else slug


def explain_listing_for_need(
    need: NeedRecord, hit: Hit, weights: Weights = DEFAULT_WEIGHTS, text: QueryText | None = None
) -> Explanation:
    """Why ``hit`` (a listing document) was suggested for ``need``."""
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
    named, inferred = need_categories(need, text)
    categories = source.get("categories") or []
    if named:
        common = [c for c in named if c in categories]
        criteria.append(
            Criterion(
                "category",
                _("Category"),
                MET if common else MISSED,
                ", ".join(_category_label(c) for c in (common or named)),
            )
        )
    elif inferred:
        common = [c for c in inferred if c in categories]
        if common:
            criteria.append(
                Criterion(
                    "category",
                    _("Category (inferred from the need's wording)"),
                    MET,
                    ", ".join(_category_label(c) for c in common),
                )
            )
    if need.cpsf_components:
        offered = set(source.get("cpsf_components") or [])
        covered = [c for c in need.cpsf_components if c in offered]
        missing = [c for c in need.cpsf_components if c not in offered]
        detail = _("covers %(c)s") % {"c": ", ".join(_label(CpsfComponent, c) for c in covered) or "—"}
        if missing:
            detail += "; " + _("not %(m)s") % {"m": ", ".join(_label(CpsfComponent, c) for c in missing)}
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
        incident = bool(source.get("incident_help")) or bool(INCIDENT_CATEGORIES & set(categories))
        onsite = bool(source.get("onsite"))
        local = bool(need.region and need.region in regions)
        criteria.append(
            Criterion(
                "urgent",
                _("Urgent incident help"),
                MET if incident and onsite else (UNKNOWN if incident else MISSED),
                ", ".join(
                    part
                    for part in (
                        _("incident response offer") if incident else _("not an incident response offer"),
                        _("on-site help") if onsite else _("no on-site help stated"),
                        _("based in the region") if local else "",
                    )
                    if part
                ),
            )
        )
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


def _verification_text(level: int | None, kinds: list[str], required: int | None, weights: Weights) -> str:
    if level is None:
        return _("Verification not stated: no verification bonus.")
    bonus = weights.verification_step * max(0, int(level))
    text = _("Confirmed level: %(level)s (%(n)s of 5)") % {"level": _level_label(level), "n": level}
    if kinds:
        text += " — " + ", ".join(kinds)
    if level <= 0:
        text += ". " + _("Unverified listings get no verification bonus.")
    else:
        text += ". " + _("Each rung of the ladder adds the same bonus; this listing gets +%(b)s.") % {
            "b": f"{bonus:.1f}"
        }
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
    need_categories_ = set(source.get("categories") or []) | set(source.get("inferred_categories") or [])
    common = sorted(categories & need_categories_)
    if common:
        criteria.append(
            Criterion("category", _("Category"), MET, ", ".join(_category_label(c) for c in common))
        )
    if source.get("urgent"):
        criteria.append(Criterion("urgent", _("Urgent"), MET, _("The need is urgent")))
    return Explanation(
        highlights=highlights,
        shared_concepts=[concept_name(c) for c in shared],
        criteria=criteria,
        summary=_summary(highlights, shared, criteria),
    )
