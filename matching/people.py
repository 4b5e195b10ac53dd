"""'People to meet' at an event, ranked by the matching engine.

``events.matchmaking`` asks an ``InterestSource`` what each registered organisation offers and needs, and pairs
complementary interests. ``EngineInterests`` answers with the engine's own matches instead of category overlap:

- each open need of the viewer's organisation is matched (``matching.engine.listing_query``: hard filters on
  region, budget and verification, text; ``add_structure`` adds the structure evidence) against the published
  listings of the other organisations at the event; a listing that fits becomes ``listing:<pk>`` — something
  the viewer needs and the vendor offers;
- each published listing of the viewer's organisation is matched (``need_query``) against the open needs of the
  other organisations that the viewer may see (the search visibility filter, re-checked in the database, and
  never a need whose owner asked to stay anonymous); a need that fits becomes ``need:<pk>``.

Each tag is weighted by how well it fits (1-2: the hit's score over the best score of its query). Where the engine
judged, its verdict replaces category overlap (a listing in the right category that does not serve the need's
region is not suggested); where it could not — the viewer has no open needs, or no published listings — the
overlap of categories and CPSF components still counts, and needs still meet needs (shared concerns) as in the
overlap source. When Elasticsearch does not answer, the source answers exactly as
``events.matchmaking.overlap_source`` does, so the page works during an outage.

Dependencies point one way: matching uses events (this module), events knows nothing of matching —
``MatchingConfig.ready()`` installs ``engine_source`` with ``events.matchmaking.set_default_source``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from elasticsearch import Elasticsearch
from elasticsearch_dsl import Q
from elasticsearch_dsl.query import Query

from cpsplatform.organisations.actor import Actor
from events.matchmaking import (
    CombinedInterests,
    DeclaredInterests,
    Interests,
    InterestSource,
    MarketplaceInterests,
)
from events.models import Registration
from marketplace import selectors
from matching import engine
from search.indexes import UNAVAILABLE_ERRORS, SearchUnavailable, ensure_index, get_client
from search.sources import listing_record, listings_queryset, need_record, needs_queryset
from search.visibility import need_visibility_filter

logger = logging.getLogger(__name__)

#: How many of the viewer's own needs and listings are matched (the newest), and how many hits each keeps.
MAX_OWN_ITEMS = 10
HITS_PER_ITEM = 5


def _restricted(query: Query, field_name: str, org_ids: set[int]) -> Query:
    """``query`` (an engine ``bool`` query) limited to documents of the given organisations."""
    return query & Q("bool", filter=[Q("terms", **{field_name: sorted(map(str, org_ids))})])


def _weights(hits: list[engine.Hit]) -> dict[str, float]:
    """1 + score / best score of the query: the best fit counts 2, a weak one a little over 1."""
    best = max((hit.score for hit in hits), default=0.0)
    return {hit.id: 1.0 + (hit.score / best if best > 0 else 0.0) for hit in hits}


@dataclass
class Matches:
    """What the engine found, by registration; ``judged_*`` say which direction it could judge at all."""

    offers: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    needs: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    weights: dict[str, float] = field(default_factory=dict)
    judged_needs: bool = False  # the viewer has open needs: the others' listings were judged against them
    judged_listings: bool = False  # the viewer has published listings: the others' needs were judged

    def add(self, tag: str, weight: float) -> None:
        self.weights[tag] = max(weight, self.weights.get(tag, 0.0))


class EngineInterests:
    """Offers and needs from the matching engine (see the module docstring); the overlap source as fallback."""

    def __init__(self, fallback: InterestSource | None = None) -> None:
        self.fallback = fallback or MarketplaceInterests()

    def interests(
        self, registrations: Sequence[Registration], *, viewer: Registration
    ) -> dict[int, Interests]:
        """The engine's matches where it could judge; the overlap where it could not (the viewer has no needs
        or no listings of its own), and for shared concerns between needs."""
        overlap = self.fallback.interests(registrations, viewer=viewer)
        try:
            matches = self._matches(registrations, viewer)
        except (SearchUnavailable, *UNAVAILABLE_ERRORS) as error:
            logger.warning("People to meet without the matching engine (Elasticsearch: %s)", error)
            return overlap
        result = {}
        for registration in registrations:
            if not registration.organisation_id:
                continue
            known = overlap.get(registration.pk, Interests())
            judged = matches.judged_listings if registration.pk == viewer.pk else matches.judged_needs
            offers = matches.offers[registration.pk] | (set() if judged else set(known.offers))
            result[registration.pk] = Interests(
                offers=frozenset(offers),
                needs=known.needs | frozenset(matches.needs[registration.pk]),
                weights=matches.weights,
            )
        return result

    def _matches(self, registrations: Sequence[Registration], viewer: Registration) -> Matches:
        matches = Matches()
        org = viewer.organisation
        others: dict[int, list[int]] = defaultdict(list)  # organisation → its registrations
        for registration in registrations:
            if registration.organisation_id and registration.organisation_id != viewer.organisation_id:
                others[registration.organisation_id].append(registration.pk)
        if org is None or not others:
            return matches
        client = get_client(timeout=5, retries=0)

        own_needs = (
            selectors.open_needs_visible_to(Actor.acting_for(viewer.user, org))
            .filter(owner=org)
            .order_by("-created_at")
        )
        needs_to_match = list(
            needs_queryset().filter(pk__in=list(own_needs.values_list("pk", flat=True)[:MAX_OWN_ITEMS]))
        )
        matches.judged_needs = bool(needs_to_match)
        index = ensure_index(client, "listings") if needs_to_match else ""
        for need in needs_to_match:
            for listing_id, vendor_id, weight in self._listings_for(client, index, need, set(others)):
                tag = f"listing:{listing_id}"
                matches.needs[viewer.pk].add(tag)
                for pk in others[vendor_id]:
                    matches.offers[pk].add(tag)
                matches.add(tag, weight)

        own_listings = selectors.published_listings().filter(vendor=org).order_by("-published_at")
        listings_to_match = list(
            listings_queryset().filter(pk__in=list(own_listings.values_list("pk", flat=True)[:MAX_OWN_ITEMS]))
        )
        matches.judged_listings = bool(listings_to_match)
        index = ensure_index(client, "needs") if listings_to_match else ""
        for listing in listings_to_match:
            for need_id, owner_id, weight in self._needs_for(client, index, listing, set(others), viewer):
                tag = f"need:{need_id}"
                matches.offers[viewer.pk].add(tag)
                for pk in others[owner_id]:
                    matches.needs[pk].add(tag)
                matches.add(tag, weight)
        return matches

    def _listings_for(
        self, client: Elasticsearch, index: str, need, vendor_ids: set[int]
    ) -> list[tuple[int, int, float]]:
        """(listing, vendor, weight) of the published listings of ``vendor_ids`` that fit ``need``."""
        record = need_record(need)
        understanding = engine.understand_need(record)
        query = _restricted(engine.listing_query(record), "vendor", vendor_ids)
        fetched = engine.run(
            client, index, query, size=HITS_PER_ITEM, source=["vendor", *engine.STRUCTURE_SOURCE]
        )
        hits = engine.add_structure(record, understanding, fetched)
        weight = _weights(hits)
        ids = [int(hit.id) for hit in hits if hit.id.isdigit()]
        current = dict(
            selectors.published_listings()
            .filter(pk__in=ids, vendor_id__in=vendor_ids)
            .values_list("pk", "vendor_id")
        )
        return [(pk, current[pk], weight[str(pk)]) for pk in ids if pk in current]

    def _needs_for(
        self, client: Elasticsearch, index: str, listing, owner_ids: set[int], viewer: Registration
    ) -> list[tuple[int, int, float]]:
        """(need, owner, weight) of the open needs of ``owner_ids`` the viewer may see that fit ``listing``."""
        actor = Actor.acting_for(viewer.user, viewer.organisation)
        visibility = need_visibility_filter(actor)
        query = _restricted(
            engine.need_query(listing_record(listing), visibility=visibility), "owner_org", owner_ids
        )
        hits = engine.run(client, index, query, size=HITS_PER_ITEM, source=["owner_org"])
        weight = _weights(hits)
        ids = [int(hit.id) for hit in hits if hit.id.isdigit()]
        # The database decides: visible to the viewer now, still open, and not tied to a name its owner hides.
        current = dict(
            selectors.open_needs_visible_to(actor)
            .filter(pk__in=ids, owner_id__in=owner_ids, hide_company_name=False)
            .values_list("pk", "owner_id")
        )
        return [(pk, current[pk], weight[str(pk)]) for pk in ids if pk in current]


def engine_source() -> InterestSource:
    """The default source when Elasticsearch is configured: engine matches plus declared interests."""
    return CombinedInterests(EngineInterests(), DeclaredInterests())
