"""Checks every claim of a recommendation's explanation against the need and listing records.

``claim_errors`` recomputes, from the records alone (never from the explanation's own data), what each criterion
must say, and lists every claim that is not true of the need and the listing, and every raw code shown to a reader.
Used by the explanation-truth tests over whole data sets and the demo data, and by the browser test.
"""

from __future__ import annotations

import re

from django.utils import translation

from cpsplatform.taxonomy import NATIONWIDE, CompanySize, CpsfComponent, Industry, Region
from marketplace.choices import VerificationKind
from matching.engine import NeedUnderstanding, listing_text, need_text
from matching.explain import MET, MISSED, UNKNOWN, Explanation, category_label, concept_name
from search.records import CATEGORY_NAMES, INCIDENT_CATEGORIES, ListingRecord, NeedRecord

#: Codes that must never reach a reader: stored values of the platform's vocabularies.
RAW_CODES = sorted(
    {
        *CATEGORY_NAMES,
        *(c.value for c in CpsfComponent),
        *(c.value for c in Industry),
        *(c.value for c in CompanySize),
        *(c.value for c in Region),
        *(c.value for c in VerificationKind),
        NATIONWIDE,
        "on_site",
    },
    key=len,
    reverse=True,
)
#: Codes no English sentence contains as a word: slugs with a hyphen or underscore, lower-case region names.
UNMISTAKABLE_CODES = [
    code for code in RAW_CODES if "-" in code or "_" in code or code in {c.value for c in Region}
]


def _pattern(codes: list[str]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, codes)) + r")(?![\w-])")


_ANY_CODE, _UNMISTAKABLE_CODE = _pattern(RAW_CODES), _pattern(UNMISTAKABLE_CODES)


def raw_codes_in(text: str, *, japanese: bool) -> list[str]:
    """Raw codes appearing as whole words in ``text``: in Japanese text every stored code (no English word
    belongs in a Japanese criterion), in English text those that cannot be an ordinary English word."""
    return (_ANY_CODE if japanese else _UNMISTAKABLE_CODE).findall(text)


def _texts(explanation: Explanation) -> list[str]:
    """What the reader sees in the reader's language (concept names are bilingual on purpose)."""
    texts = [explanation.summary, explanation.verification]
    for criterion in explanation.criteria:
        texts += [criterion.label, criterion.detail]
    return [t for t in texts if t]


def claim_errors(
    need: NeedRecord,
    listing: ListingRecord,
    explanation: Explanation,
    understanding: NeedUnderstanding,
) -> list[str]:
    """Every claim of ``explanation`` that is not true of ``need`` and ``listing`` (empty when all are true)."""
    errors: list[str] = []

    def wrong(key: str, message: str) -> None:
        errors.append(f"{need.id} → {listing.id} [{translation.get_language()}] {key}: {message}")

    japanese = (translation.get_language() or "").startswith("ja")
    for text in _texts(explanation):
        for name in explanation.shared_concepts:  # bilingual names of shared topics, checked below
            text = text.replace(name, "")
        for code in raw_codes_in(text, japanese=japanese):
            wrong("raw code", f"{code!r} shown in {text!r}")
    for text in explanation.shared_concepts:
        for code in raw_codes_in(text, japanese=False):
            wrong("raw code", f"{code!r} shown in {text!r}")
    need_concepts = set(need_text(need).concepts)
    listing_concepts = set(listing_text(listing).concepts)
    names = {concept_name(c): c for c in need_concepts & listing_concepts}
    for shown in explanation.shared_concepts:
        if shown not in names:
            wrong("shared concept", f"{shown!r} is not a concept both texts mention")

    keys = [criterion.key for criterion in explanation.criteria]
    if len(keys) != len(set(keys)):
        wrong("criteria", f"a criterion is stated twice: {keys}")
    for criterion in explanation.criteria:
        expected, must_mention = _expected(need, listing, understanding, criterion.key)
        if expected is None:
            wrong(criterion.key, "claims a criterion the need does not state")
            continue
        if criterion.status != expected:
            wrong(criterion.key, f"says {criterion.status}, records say {expected} ({criterion.detail!r})")
        for label in must_mention:
            if label not in criterion.detail:
                wrong(criterion.key, f"{criterion.detail!r} does not name {label!r}")
        if criterion.key == "inferred_category":
            shown = [c for c in understanding.inferred if category_label(c) in criterion.detail]
            for category in shown:
                if category not in listing.categories or category in need.categories:
                    wrong(criterion.key, f"{category} is not an inferred category the listing has")
    for key, required in _required_criteria(need).items():
        if required and key not in keys:
            wrong(key, "the need states it but the explanation is silent")
    return errors


def _required_criteria(need: NeedRecord) -> dict[str, bool]:
    return {
        "region": bool(need.region),
        "budget": need.budget_max is not None,
        "verification": bool(need.min_verification),
        "category": bool(need.categories),
        "components": bool(need.cpsf_components),
        "industry": bool(need.industry),
        "company_size": bool(need.company_size),
        "urgent": need.urgent,
    }


def _label(choices, value: str) -> str:
    return str(choices(value).label)


def _expected(
    need: NeedRecord, listing: ListingRecord, understanding: NeedUnderstanding, key: str
) -> tuple[str | None, list[str]]:
    """(the status the records imply for criterion ``key``, labels its detail must name)."""
    if key == "region" and need.region:
        if need.region in listing.regions or NATIONWIDE in listing.regions:
            return MET, [_label(Region, need.region)]
        return (UNKNOWN if not listing.regions else MISSED), []
    if key == "budget" and need.budget_max is not None:
        if listing.price_min is None:
            return UNKNOWN, []
        return (MET if listing.price_min <= need.budget_max else MISSED), [f"{need.budget_max:,}"]
    if key == "verification" and need.min_verification:
        if listing.verification_level is None:
            return UNKNOWN, []
        return (MET if listing.verification_level >= need.min_verification else MISSED), []
    if key == "category" and need.categories:
        common = [c for c in need.categories if c in listing.categories]
        return (MET, [category_label(c) for c in common]) if common else (MISSED, [])
    if key == "inferred_category":
        common = [c for c in understanding.inferred if c in listing.categories and c not in need.categories]
        return (MET, [category_label(c) for c in common]) if common else (None, [])
    if key == "components" and need.cpsf_components:
        covered = [c for c in need.cpsf_components if c in listing.cpsf_components]
        missing = [c for c in need.cpsf_components if c not in listing.cpsf_components]
        status = MET if not missing else (MISSED if not covered else UNKNOWN)
        return status, [_label(CpsfComponent, c) for c in need.cpsf_components]
    if key == "industry" and need.industry:
        if need.industry in listing.industries:
            return MET, [_label(Industry, need.industry)]
        return (UNKNOWN if not listing.industries else MISSED), [_label(Industry, need.industry)]
    if key == "company_size" and need.company_size:
        if need.company_size in listing.company_sizes:
            return MET, [_label(CompanySize, need.company_size)]
        return (UNKNOWN if not listing.company_sizes else MISSED), [_label(CompanySize, need.company_size)]
    if key == "urgent" and need.urgent:
        return _expected_urgent(listing)
    return None, []


def _expected_urgent(listing: ListingRecord) -> tuple[str, list[str]]:
    """Incident and on-site help as the listing states them (category, delivery model) or mentions them."""
    from search.analysis import CONCEPT_PREFIX

    concepts = set(listing_text(listing).concepts)
    stated_incident = bool(INCIDENT_CATEGORIES & set(listing.categories))
    incident = stated_incident or f"{CONCEPT_PREFIX}incidentresponse" in concepts
    stated_onsite = "on_site" in listing.delivery_models
    onsite = stated_onsite or f"{CONCEPT_PREFIX}onsite" in concepts
    from django.utils.translation import gettext as _

    mention = [
        _("incident response offer")
        if stated_incident
        else (_("mentions incident response") if incident else _("not an incident response offer")),
        _("on-site help")
        if stated_onsite
        else (_("mentions on-site help") if onsite else _("no on-site help stated")),
    ]
    return (MET if incident and onsite else (UNKNOWN if incident else MISSED)), mention
