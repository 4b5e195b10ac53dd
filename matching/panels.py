"""Matching's panels on the marketplace's pages (receivers of ``marketplace.signals.*_page_panels``).

The marketplace knows nothing of matching: it asks its signals for panels, and these receivers, wired in
``MatchingConfig.ready()``, answer for the people ``matching.services`` lets see them and with ``""`` for anyone
else.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from marketplace.models import Need, SolutionListing
from matching import services

#: Suggestions shown on the need's own page; the full list, the team proposal and feedback are one click away.
NEED_PAGE_SUGGESTIONS = 5


def need_recommendations_panel(sender, need: Need, request: HttpRequest, **kwargs) -> SafeString | str:
    """Recommended solutions, explained, for the need's organisation (and staff) while the need is open."""
    if not need.is_open or not services.can_see_recommendations(request.actor, need):
        return ""
    recommendations = services.recommend_for_need(need, user=request.user, size=NEED_PAGE_SUGGESTIONS)
    html = render_to_string(
        "matching/_need_panel.html",
        {
            "need": need,
            "recommendations": recommendations,
            "can_invite": services.can_invite_vendors(request.actor, need),
        },
        request=request,
    )
    return mark_safe(html)  # noqa: S308 - rendered from a template, which escaped every value it inserted


def listing_needs_panel(sender, listing: SolutionListing, request: HttpRequest, **kwargs) -> SafeString | str:
    """A link to the needs that fit a published listing, for the vendor's members (and staff)."""
    if not listing.is_published or not services.can_see_fitting_needs(request.actor, listing):
        return ""
    html = render_to_string("matching/_listing_panel.html", {"listing": listing}, request=request)
    return mark_safe(html)  # noqa: S308 - rendered from a template, which escaped every value it inserted


def connect() -> None:
    from marketplace.signals import listing_page_panels, need_page_panels

    need_page_panels.connect(need_recommendations_panel, sender=Need, dispatch_uid="matching.need_panel")
    listing_page_panels.connect(
        listing_needs_panel, sender=SolutionListing, dispatch_uid="matching.listing_panel"
    )
