"""Signals the marketplace sends. Other apps (search, discussions, matching) listen; the marketplace knows
nothing of them. Receivers are wired in the listening app's ``AppConfig.ready()``.

``listing_changed(sender, listing_id: int, deleted: bool)``
    A solution listing was created, edited, changed status (submitted, published, archived...), changed
    verification level, had its categories/images changed, or was deleted (``deleted=True``).
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

Every write to SolutionListing or Need goes through the services; never ``QuerySet.update()`` an indexed field
without sending the matching signal for each row.
"""

from django.dispatch import Signal

listing_changed = Signal()
need_changed = Signal()
introduction_accepted = Signal()
