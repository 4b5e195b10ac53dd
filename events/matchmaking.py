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

That combination is ``overlap_source()``. A better source can be installed as the default with
``set_default_source()`` from another app's ``AppConfig.ready()`` — events knows nothing of who does: the matching
app installs one that ranks with its engine (``matching.people``) and falls back to the overlap when Elasticsearch
does not answer. Tags may carry a weight (``Interests.weights``, 1 when absent) so a source can say how strong a
match is. Only participants who opted in to be listed are ever suggested (the attendee list is private by default).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import Q
from django.utils.translation import get_language

from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import OrganisationKind
from cpsplatform.taxonomy import CpsfComponent

from .models import Registration, RegistrationStatus


@dataclass(frozen=True)
class Interests:
    """Tags such as ``cpsf:data``, ``category:iot-ot-security``, ``listing:12`` or ``need:7``.

    ``weights`` says how strongly a tag counts (1 when absent), e.g. how well a listing fits a need.
    """

    offers: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    weights: Mapping[str, float] = field(default_factory=dict)

    def weight(self, tag: str) -> float:
        return self.weights.get(tag, 1.0)


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
        visible = open_needs_visible_to(Actor.acting_for(viewer.user, viewer.organisation)).filter(
            owner_id__in=org_ids
        )
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
                weights = dict(known.weights)
                for tag, weight in found.weights.items():
                    weights[tag] = max(weight, weights.get(tag, weight))
                combined[pk] = Interests(
                    offers=known.offers | found.offers, needs=known.needs | found.needs, weights=weights
                )
        return combined


def overlap_source() -> InterestSource:
    """Category and CPSF component overlap of listings, needs and declared interests (no search engine)."""
    return CombinedInterests(MarketplaceInterests(), DeclaredInterests())


_default_factory: Callable[[], InterestSource] | None = None


def set_default_source(factory: Callable[[], InterestSource] | None) -> None:
    """Install what ``default_source()`` returns (``None``: back to ``overlap_source``). Call it from an
    ``AppConfig.ready()``; it is process-wide."""
    global _default_factory
    _default_factory = factory


def default_source() -> InterestSource:
    return _default_factory() if _default_factory is not None else overlap_source()


def _ids(tags: set[str], prefix: str) -> list[int]:
    return [
        int(value)
        for tag in tags
        for value in [tag.partition(":")[2]]
        if tag.startswith(prefix) and value.isdigit()
    ]


def tag_labels(tags: Iterable[str]) -> dict[str, str]:
    """Display names for tags, in the current language (one query per kind of tag).

    ``listing:<pk>`` and ``need:<pk>`` name a listing or need; a source only hands out such tags for items the
    viewer may see.
    """
    from marketplace.models import Need, SecurityCategory, SolutionListing

    tags = set(tags)
    slugs = [t.partition(":")[2] for t in tags if t.startswith("category:")]
    english = (get_language() or "ja").startswith("en")
    categories = {
        c.slug: (c.name_en if english else c.name_ja) or c.name_ja or c.name_en
        for c in SecurityCategory.objects.filter(slug__in=slugs)
    }
    listings = {
        listing.pk: listing.name for listing in SolutionListing.objects.filter(pk__in=_ids(tags, "listing:"))
    }
    needs = dict(Need.objects.filter(pk__in=_ids(tags, "need:")).values_list("pk", "title"))
    labels = {}
    for tag in tags:
        prefix, _, value = tag.partition(":")
        if prefix == "cpsf" and value in CpsfComponent.values:
            labels[tag] = str(CpsfComponent(value).label)
        elif prefix == "listing" and value.isdigit() and int(value) in listings:
            labels[tag] = listings[int(value)]
        elif prefix == "need" and value.isdigit() and int(value) in needs:
            labels[tag] = needs[int(value)]
        else:
            labels[tag] = categories.get(value, value.replace("-", " "))
    return labels


@dataclass(frozen=True)
class Suggestion:
    registration: Registration
    score: float
    they_offer: list[str] = field(default_factory=list)  # what they offer that you need
    they_need: list[str] = field(default_factory=list)  # what they need that you offer
    shared_needs: list[str] = field(default_factory=list)  # worries you share (needs-side collaboration)


def suggest(me: Interests, them: Interests) -> tuple[float, list[str], list[str], list[str]]:
    """Complementary overlaps (needs × seeds) count double; shared needs count once; each tag by its weight.

    Each list is strongest first (then by tag), so the best matches are named first.
    """

    def strength(tag: str) -> float:
        return max(me.weight(tag), them.weight(tag))

    def ranked(tags: frozenset[str]) -> list[str]:
        return sorted(tags, key=lambda tag: (-strength(tag), tag))

    they_offer = ranked(me.needs & them.offers)
    they_need = ranked(me.offers & them.needs)
    shared = ranked(me.needs & them.needs)

    def weight(tags: list[str]) -> float:
        return sum(strength(tag) for tag in tags)

    score = 2 * weight(they_offer) + 2 * weight(they_need) + weight(shared)
    return round(score, 4), they_offer, they_need, shared


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
