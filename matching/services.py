"""Matching for the site's pages: recommendations for a need, needs that fit a listing, feedback.

Views call these and render the result; nothing here builds HTML. The engine (``matching.engine``) does the
ranking; this module adds who may see what, explanations, team proposals and the database side.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation
from marketplace import permissions, selectors
from marketplace.models import Need, SolutionListing
from matching import engine
from matching.explain import (
    Explanation,
    component_label,
    explain_listing_for_need,
    explain_need_for_listing,
)
from matching.models import MatchFeedback
from matching.teams import TeamProposal, propose_team
from search.freshness import cached_result, index_version
from search.indexes import (
    UNAVAILABLE_ERRORS,
    SearchUnavailable,
    ensure_index,
    get_client,
)
from search.sources import listing_record, listings_queryset, need_record, needs_queryset
from search.visibility import keep_visible_need_ids, need_visibility_filter


@dataclass
class Suggestion:
    id: str
    rank: int
    score: float
    source: dict
    explanation: Explanation
    url: str = ""
    feedback: bool | None = None
    #: The listing's vendor, and whether it can NOT see the need (restricted visibility): the need's owner is told,
    #: and offered to let it see the need.
    vendor_id: int | None = None
    vendor_cannot_see: bool = False

    @property
    def component_labels(self) -> list[str]:
        """The listing's CPSF components, named in the reader's language."""
        return [component_label(code) for code in self.source.get("cpsf_components") or []]

    @property
    def title(self) -> str:
        display = self.source.get("display") or {}
        return (
            display.get("name_ja")
            or display.get("name_en")
            or display.get("title")
            or (self.source.get("name") or self.source.get("title") or "").split("\n")[0]
        )


@dataclass
class Recommendations:
    suggestions: list[Suggestion] = field(default_factory=list)
    team: TeamProposal | None = None
    team_suggestions: list[Suggestion] = field(default_factory=list)
    unavailable: bool = False
    #: what the engine made of the need (inferred categories, parts); None for listing → needs
    understanding: engine.NeedUnderstanding | None = None


# --- who may see what -------------------------------------------------------------------------------------------


def can_see_recommendations(actor: Actor, need: Need) -> bool:
    """The need's owner (members acting for it) and platform staff see its recommendations."""
    return actor.is_staff or (actor.organisation is not None and actor.organisation.pk == need.owner_id)


def check_can_see_recommendations(actor: Actor, need: Need) -> None:
    if not can_see_recommendations(actor, need):
        raise PermissionDenied(_("Only the need's organisation sees its recommendations."))


def can_invite_vendors(actor: Actor, need: Need) -> bool:
    """Whether the viewer may let a recommended vendor see the (restricted, open) need: its owner's members."""
    return need.is_open and permissions.can_edit_need(actor, need)


def can_see_fitting_needs(actor: Actor, listing: SolutionListing) -> bool:
    """The vendor's members (acting for it) and staff see which needs fit a listing."""
    return actor.is_staff or (actor.organisation is not None and actor.organisation.pk == listing.vendor_id)


def check_can_see_fitting_needs(actor: Actor, listing: SolutionListing) -> None:
    if not can_see_fitting_needs(actor, listing):
        raise PermissionDenied(_("Only the vendor sees which needs fit its listing."))


# --- need → listings --------------------------------------------------------------------------------------------


#: How long a need's computed recommendations are reused. Any change to the need or to the listings index makes
#: a new cache key at once; the lifetime only bounds the lag behind Elasticsearch's one-second refresh.
RECOMMENDATIONS_LIFETIME_S = 60


def recommend_for_need(need: Need, *, user=None, size: int = 10) -> Recommendations:
    """Listings for a need, explained, plus a team when no single listing covers the need's CPSF components.

    The ranking is the page's costliest part and the same for every reader, so it is kept in the shared cache
    under the need's record, the listings index's version and the language; what depends on the reader (their
    feedback) and on other organisations (who may see the need) is added on every call.

    Never raises for Elasticsearch trouble: the result says ``unavailable`` and the page explains.
    """
    record = need_record(needs_queryset().get(pk=need.pk))
    try:
        client = get_client(timeout=5, retries=0)
        index = ensure_index(client, "listings")
        key = _recommendations_key(record, index_version("listings"), size)
        recommendations = cached_result(
            key, lambda: _rank_and_explain(client, index, record, size), RECOMMENDATIONS_LIFETIME_S
        )
    except (SearchUnavailable, *UNAVAILABLE_ERRORS):
        return Recommendations(unavailable=True)
    everyone = [*recommendations.suggestions, *recommendations.team_suggestions]
    if user is not None and user.is_authenticated:
        given = dict(MatchFeedback.objects.filter(need=need, user=user).values_list("listing_id", "useful"))
        for suggestion in everyone:
            suggestion.feedback = given.get(int(suggestion.id)) if suggestion.id.isdigit() else None
    _mark_vendors_who_cannot_see(need, everyone)
    return recommendations


def _recommendations_key(record, listings_version: str, size: int) -> str:
    digest = hashlib.sha256(
        json.dumps(
            [asdict(record), listings_version, size, get_language()], default=str, sort_keys=True
        ).encode()
    ).hexdigest()
    return f"matching:recommendations:{record.id}:{digest}"


def _rank_and_explain(client, index: str, record, size: int) -> Recommendations:
    text = engine.need_text(record)
    ranking = engine.rank_listings_for_need(client, index, record, size=max(size, 20))
    hits = ranking.hits

    def suggestion(rank: int, hit: engine.Hit) -> Suggestion:
        return Suggestion(
            id=hit.id,
            rank=rank,
            score=hit.score,
            source=hit.source,
            explanation=explain_listing_for_need(record, hit, text=text, understanding=ranking.understanding),
            url=(hit.source.get("display") or {}).get("url", ""),
        )

    suggestions = [suggestion(rank, hit) for rank, hit in enumerate(hits[:size], start=1)]
    team = propose_team(record, hits)
    team_suggestions = []
    if team:
        ranks = {hit.id: rank for rank, hit in enumerate(hits, start=1)}
        team_suggestions = [suggestion(ranks[hit.id], hit) for hit in team.members]
    return Recommendations(
        suggestions=suggestions,
        team=team,
        team_suggestions=team_suggestions,
        understanding=ranking.understanding,
    )


def _mark_vendors_who_cannot_see(need: Need, suggestions: list[Suggestion]) -> None:
    """Set each suggestion's vendor, and flag the vendors the need's visibility hides it from (two queries)."""
    listing_ids = {int(s.id) for s in suggestions if s.id.isdigit()}
    vendors = dict(SolutionListing.objects.filter(pk__in=listing_ids).values_list("pk", "vendor_id"))
    unable = selectors.organisations_unable_to_see_need(need, set(vendors.values()))
    for suggestion in suggestions:
        suggestion.vendor_id = vendors.get(int(suggestion.id)) if suggestion.id.isdigit() else None
        suggestion.vendor_cannot_see = suggestion.vendor_id in unable


# --- listing → needs --------------------------------------------------------------------------------------------


def needs_for_listing(listing: SolutionListing, *, actor: Actor, size: int = 10) -> Recommendations:
    """Open needs that fit ``listing`` among those ``actor`` may see."""
    record = listing_record(listings_queryset().get(pk=listing.pk))
    text = engine.listing_text(record)
    listing_source = {
        "regions": record.regions,
        "price_min": record.price_min,
        "categories": record.categories,
    }
    try:
        client = get_client(timeout=5, retries=0)
        index = ensure_index(client, "needs")
        hits = engine.search_needs_for_listing(
            client, index, record, visibility=need_visibility_filter(actor), size=size
        )
    except (SearchUnavailable, *UNAVAILABLE_ERRORS):
        return Recommendations(unavailable=True)
    visible = keep_visible_need_ids(actor, [hit.id for hit in hits])
    suggestions = [
        Suggestion(
            id=hit.id,
            rank=rank,
            score=hit.score,
            source=hit.source,
            explanation=explain_need_for_listing(text, hit, listing_source),
            url=(hit.source.get("display") or {}).get("url", ""),
        )
        for rank, hit in enumerate((hit for hit in hits if hit.id in visible), start=1)
    ]
    return Recommendations(suggestions=suggestions)


# --- feedback ---------------------------------------------------------------------------------------------------


def check_feedback(need: Need, listing_id: int) -> SolutionListing:
    listing = selectors.published_listings().filter(pk=listing_id).first()
    if listing is None:
        raise ValidationError(_("That suggestion no longer exists."), code="unknown_listing")
    return listing


@transaction.atomic
def do_record_feedback(
    *,
    need: Need,
    listing_id: int,
    user,
    organisation: Organisation | None,
    useful: bool,
    rank: int | None = None,
    score: float | None = None,
) -> MatchFeedback:
    """Store (or change) the user's verdict on one suggestion for a need."""
    check_can_see_recommendations(Actor.acting_for(user, organisation), need)
    listing = check_feedback(need, listing_id)
    feedback, _created = MatchFeedback.objects.update_or_create(
        need=need,
        listing=listing,
        user=user,
        defaults={"useful": useful, "rank": rank, "score": score, "organisation": organisation},
    )
    log_action(
        "matching.feedback.recorded",
        actor=user,
        organisation=organisation,
        subject=need,
        data={"listing_id": listing.pk, "useful": useful, "rank": rank},
    )
    return feedback


def judgement_grade(useful: int, not_useful: int) -> int:
    """Votes on one (need, listing) pair as a 0-3 grade: unanimous and repeated praise is 3."""
    if useful == 0:
        return 0
    if not_useful == 0:
        return 3 if useful >= 2 else 2
    return 2 if useful > not_useful else 1


def judgements() -> list[tuple[int, int, int]]:
    """(need id, listing id, grade) for every pair someone gave feedback on, ordered."""
    votes: dict[tuple[int, int], list[int]] = {}
    for need_id, listing_id, useful in MatchFeedback.objects.values_list("need_id", "listing_id", "useful"):
        counts = votes.setdefault((need_id, listing_id), [0, 0])
        counts[0 if useful else 1] += 1
    return [(need, listing, judgement_grade(*votes[(need, listing)])) for need, listing in sorted(votes)]
