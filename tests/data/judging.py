"""The judging guidelines of ``tests/data/README.md``, written once so both judged sets are graded the same way.

A grade is never read off a search system. It comes from two things a human judge looks at for every
(need, listing) pair in the pool:

* **topic fit** — what the need is asking for against what the listing offers. Each need template states, in its
  catalogue, which kinds of offer solve it directly (3), which partly (2), which are only related (1) and which are
  tempting but wrong (0). A listing's *main* offer counts at face value; the extras it bundles (an SME help package
  that includes a UTM) count at most as a partial fit (2). Offers neighbouring a direct solution that the template
  does not mention count as related (1).
* **hard constraints** of the need — region served, budget against the listing's lowest price, minimum verification
  level — and, for a direct fit, the audience the listing says it is for (company size; industry when the offer is
  built for particular sectors).

Grades: 3 = directly solves the need and meets every hard constraint; 2 = relevant and within the constraints but
a partial fit (or a direct fit for an audience the listing excludes); 1 = related, or relevant but breaking a hard
constraint; 0 = judged and not relevant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cpsplatform import taxonomy
from cpsplatform.taxonomy import (
    CompanySize,
    CpsfComponent,
    Industry,
    Region,
    SecurityCategory,
    VerificationLevel,
)

REGIONS = tuple(Region.values)
NATIONWIDE = taxonomy.NATIONWIDE
COMPANY_SIZES = tuple(CompanySize.values)
CPSF_COMPONENTS = tuple(CpsfComponent.values)
INDUSTRIES = tuple(Industry.values)
CATEGORIES = tuple(SecurityCategory.values)
#: The verification ladder, lowest first; a listing's value is its highest confirmed level.
VERIFICATION = tuple(level.slug for level in VerificationLevel)

#: The most a bundled extra (not the listing's main offer) can count for.
BUNDLED_CAP = 2


def verification_rank(slug: str | None) -> int:
    return VERIFICATION.index(slug) if slug else 0


def region_ok(need: Mapping, listing: Mapping) -> bool:
    """The listing serves the need's region, or the whole country; an unstated side constrains nothing."""
    region = need.get("region")
    served = listing.get("regions") or []
    return not region or not served or region in served or NATIONWIDE in served


def budget_ok(need: Mapping, listing: Mapping) -> bool:
    """The listing's lowest price fits the budget; a price on request cannot be shown to break it."""
    budget = need.get("budget_max")
    price_min = listing.get("price_min")
    return budget is None or price_min is None or price_min <= budget


def verification_ok(need: Mapping, listing: Mapping) -> bool:
    return verification_rank(listing.get("verification")) >= verification_rank(need.get("min_verification"))


def constraints_met(need: Mapping, listing: Mapping) -> bool:
    return region_ok(need, listing) and budget_ok(need, listing) and verification_ok(need, listing)


def audience_excluded(need: Mapping, listing: Mapping, *, sector_specific: bool) -> bool:
    """The listing names who it is for and the need's organisation is not among them."""
    sizes = listing.get("company_sizes") or []
    if need.get("company_size") and sizes and need["company_size"] not in sizes:
        return True
    industries = listing.get("industries") or []
    return bool(
        sector_specific and need.get("industry") and industries and need["industry"] not in industries
    )


def expand_fit(fit: Mapping[str, int], neighbours: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """The need's stated fit, plus 1 for every unmentioned neighbour of a direct solution."""
    expanded = dict(fit)
    for topic, level in fit.items():
        if level == 3:
            for near in neighbours.get(topic, ()):
                expanded.setdefault(near, 1)
    return expanded


def topic_fit(fit: Mapping[str, int], topic: str, bundled: Iterable[str]) -> int | None:
    """How well an offer (main topic + bundled extras) fits; ``None`` when the need's judge would not look at it."""
    levels = []
    if topic in fit:
        levels.append(fit[topic])
    levels.extend(min(fit[extra], BUNDLED_CAP) for extra in bundled if extra in fit)
    return max(levels) if levels else None


def grade(
    need: Mapping,
    listing: Mapping,
    *,
    fit: Mapping[str, int],
    topic: str,
    bundled: Iterable[str] = (),
    sector_specific: bool = False,
    pooled_by_category: bool = False,
) -> int | None:
    """Apply the guidelines to one pair; ``None`` means the pair is outside the judging pool (left unjudged)."""
    level = topic_fit(fit, topic, bundled)
    if level is None:
        return 0 if pooled_by_category else None
    if level <= 1:
        return level
    if not constraints_met(need, listing):
        return 1
    if level == 3 and audience_excluded(need, listing, sector_specific=sector_specific):
        return 2
    return level
