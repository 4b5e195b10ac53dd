"""Signals the marketplace sends. Other apps (search, discussions, matching) listen; the marketplace knows
nothing of them. Receivers are wired in the listening app's ``AppConfig.ready()``.

``listing_changed(sender, listing_id: int, deleted: bool)``
    A solution listing was created, edited, changed status (submitted, published, archived...), changed
    verification level or badges, had its categories/images changed, had a category it is filed under relabelled
    by staff, or was deleted (``deleted=True``). This is the only trigger search listens to for listings.
    Sent **inside** the transaction of the change by ``marketplace.services`` — so a receiver may write an
    outbox row that commits or rolls back with the change. Receivers must not do slow or external work here
    (no HTTP, no Elasticsearch); defer that to ``transaction.on_commit`` or an outbox drained after commit.
    ``sender`` is ``SolutionListing``.

``need_changed(sender, need_id: int, deleted: bool)``
    The same for a need (created, edited, status or visibility changed, expired, closed, deleted).
    ``sender`` is ``Need``.

``introduction_accepted(sender, introduction_id: int)``
    An introduction was accepted. Sent **after commit** (``transaction.on_commit``), so receivers see the
    committed row and may open a private channel for the two organisations. ``sender`` is ``Introduction``.

``need_page_panels(sender, need: Need, request: HttpRequest)``
    Sent while a need's page is rendered for someone who may see the need. A receiver returns HTML to show below
    the need — a ``SafeString`` it rendered itself (from a template, so what it inserts is escaped) — or ``""``.
    Each receiver decides who sees its panel (matching shows recommendations to the need's organisation only).
    A receiver that raises is logged and left out; the page still renders. ``sender`` is ``Need``.

``listing_page_panels(sender, listing: SolutionListing, request: HttpRequest)``
    The same for a listing's page (e.g. "needs that fit" for the vendor's members). ``sender`` is
    ``SolutionListing``.

Every write to SolutionListing or Need goes through the services; never ``QuerySet.update()`` an indexed field
without sending the matching signal for each row.
"""

import logging

from django.dispatch import Signal
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)

listing_changed = Signal()
need_changed = Signal()
introduction_accepted = Signal()
need_page_panels = Signal()
listing_page_panels = Signal()


def collect_panels(signal: Signal, sender: type, **kwargs) -> list[SafeString]:
    """The HTML panels receivers of ``signal`` return, in connection order; failures are logged and skipped."""
    panels = []
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error("Page panel %r failed", receiver, exc_info=result)
        elif result:
            panels.append(result)
    return panels
