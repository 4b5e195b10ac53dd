"""'People to meet': before the event, each participant sees registered organisations whose needs or offers
overlap theirs, and can ask them for a 1:1 slot at the meetup.

Where interests come from is behind one small interface, ``InterestSource``, so the source can be swapped without
touching views or services. ``default_source()`` combines:

- ``MarketplaceInterests``: an organisation offers the categories and CPSF components of its published listings and
  needs those of its open needs — only needs the viewer may see under the marketplace's own visibility rule
  (``marketplace.selectors.open_needs_visible_to``), and never needs whose owner asked to stay anonymous;
- ``DeclaredInterests``: the CPSF components each participant ticked when registering, read as offers for vendors,
  needs for user companies and universities, both otherwise (so organisations without listings or needs still get
  suggestions).

The matching engine can later be plugged in the same way. Only participants who opted in to be listed are ever
suggested (the attendee list is private by default).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import Q
from django.utils.translation import get_language

from cpsplatform.organisations.models import OrganisationKind
from cpsplatform.taxonomy import CpsfComponent

from .models import Registration, RegistrationStatus


@dataclass(frozen=True)
class Interests:
    """Tags such as ``cpsf:data`` or ``category:iot-ot-security``."""

    offers: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()


class InterestSource(Protocol):
    def interests(
        self, registrations: Sequence[Registration], *, viewer: Registration
    ) -> dict[int, Interests]:
        """Interests per registration id (empty ``Interests`` if none known), as ``viewer`` may know them."""
        ...


#: Organisation kinds read as the seeds side (they offer) and the needs side (they look for solutions).
SEED_KINDS = frozenset({OrganisationKind.VENDOR})
NEED_KINDS = frozenset({OrganisationKind.USER_COMPANY, OrganisationKind.UNIVERSITY})


class DeclaredInterests:
    """Interests from the CPSF components each participant declared when registering."""

    def interests(
        self, registrations: Sequence[Registration], *, viewer: Registration
    ) -> dict[int, Interests]:
        result = {}
        for registration in registrations:
            tags = frozenset(f"cpsf:{c}" for c in registration.interest_components or [])
            kind = registration.organisation.kind if registration.organisation else ""
            if kind in SEED_KINDS:
                result[registration.pk] = Interests(offers=tags)
            elif kind in NEED_KINDS:
                result[registration.pk] = Interests(needs=tags)
            else:
                result[registration.pk] = Interests(offers=tags, needs=tags)
        return result


def _tags(categories, components) -> frozenset[str]:
    return frozenset({f"category:{c.slug}" for c in categories} | {f"cpsf:{c}" for c in components or []})


class MarketplaceInterests:
    """Interests from the organisations' marketplace listings (offers) and needs (needs)."""

    def interests(
        self, registrations: Sequence[Registration], *, viewer: Registration
    ) -> dict[int, Interests]:
        from marketplace.selectors import open_needs_visible_to, published_listings

        org_ids = {r.organisation_id for r in registrations if r.organisation_id}
        offers: dict[int, set[str]] = defaultdict(set)
        needs: dict[int, set[str]] = defaultdict(set)
        for listing in published_listings().filter(vendor_id__in=org_ids):
            offers[listing.vendor_id] |= _tags(listing.categories.all(), listing.cpsf_components)
        visible = open_needs_visible_to(viewer.user, viewer.organisation).filter(owner_id__in=org_ids)
        if viewer.organisation_id:
            visible = visible.filter(Q(hide_company_name=False) | Q(owner_id=viewer.organisation_id))
        else:
            visible = visible.filter(hide_company_name=False)
        for need in visible.prefetch_related("categories"):
            needs[need.owner_id] |= _tags(need.categories.all(), need.cpsf_components)
        return {
            r.pk: Interests(
                offers=frozenset(offers[r.organisation_id]), needs=frozenset(needs[r.organisation_id])
            )
            for r in registrations
            if r.organisation_id
        }


class CombinedInterests:
    """The union of several sources' interests."""

    def __init__(self, *sources: InterestSource):
        self.sources = sources

    def interests(
        self, registrations: Sequence[Registration], *, viewer: Registration
    ) -> dict[int, Interests]:
        combined: dict[int, Interests] = {}
        for source in self.sources:
            for pk, found in source.interests(registrations, viewer=viewer).items():
                known = combined.get(pk, Interests())
                combined[pk] = Interests(offers=known.offers | found.offers, needs=known.needs | found.needs)
        return combined


def default_source() -> InterestSource:
    return CombinedInterests(MarketplaceInterests(), DeclaredInterests())


def tag_labels(tags: Iterable[str]) -> dict[str, str]:
    """Display names for tags, in the current language (one query for all the categories)."""
    from marketplace.models import SecurityCategory

    tags = set(tags)
    slugs = [t.partition(":")[2] for t in tags if t.startswith("category:")]
    english = (get_language() or "ja").startswith("en")
    categories = {
        c.slug: (c.name_en if english else c.name_ja) or c.name_ja or c.name_en
        for c in SecurityCategory.objects.filter(slug__in=slugs)
    }
    labels = {}
    for tag in tags:
        prefix, _, value = tag.partition(":")
        if prefix == "cpsf" and value in CpsfComponent.values:
            labels[tag] = str(CpsfComponent(value).label)
        else:
            labels[tag] = categories.get(value, value.replace("-", " "))
    return labels


@dataclass(frozen=True)
class Suggestion:
    registration: Registration
    score: int
    they_offer: list[str] = field(default_factory=list)  # what they offer that you need
    they_need: list[str] = field(default_factory=list)  # what they need that you offer
    shared_needs: list[str] = field(default_factory=list)  # worries you share (needs-side collaboration)


def suggest(me: Interests, them: Interests) -> tuple[int, list[str], list[str], list[str]]:
    """Complementary overlaps (needs × seeds) count double; shared needs count once."""
    they_offer = sorted(me.needs & them.offers)
    they_need = sorted(me.offers & them.needs)
    shared = sorted(me.needs & them.needs)
    return 2 * len(they_offer) + 2 * len(they_need) + len(shared), they_offer, they_need, shared


def people_to_meet(
    registration: Registration, *, source: InterestSource | None = None, limit: int = 20
) -> list[Suggestion]:
    source = source or default_source()
    others = list(
        Registration.objects.filter(
            event_id=registration.event_id,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN],
            listed_publicly=True,
        )
        .exclude(pk=registration.pk)
        .exclude(user_id=registration.user_id)
        .select_related("user", "organisation")
    )
    if registration.organisation_id:
        others = [o for o in others if o.organisation_id != registration.organisation_id]
    interests = source.interests([registration, *others], viewer=registration)
    mine = interests.get(registration.pk, Interests())
    found = []
    for other in others:
        score, they_offer, they_need, shared = suggest(mine, interests.get(other.pk, Interests()))
        if score:
            found.append((other, score, they_offer, they_need, shared))
    labels = tag_labels(tag for item in found for group in item[2:] for tag in group)
    suggestions = [
        Suggestion(
            other, score, [labels[t] for t in offer], [labels[t] for t in need], [labels[t] for t in shared]
        )
        for other, score, offer, need, shared in found
    ]
    suggestions.sort(key=lambda s: (-s.score, s.registration.public_name, s.registration.pk))
    return suggestions[:limit]
