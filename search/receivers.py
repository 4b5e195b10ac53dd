"""Signal receivers that keep the search index in step with the apps it indexes (wired in ``SearchConfig.ready``).

One trigger per family of documents: the change signal its app documents and sends from every service that
writes an indexed field, inside the transaction of the change.

- listings: ``marketplace.signals.listing_changed`` (edits, status, categories, images, verification badges,
  staff edits in the admin, category relabelling);
- needs: ``marketplace.signals.need_changed``;
- events: ``events.signals.event_changed`` (organiser pages and the staff admin);
- messages: the discussions core's signals (``search.discussions_receivers``);
- organisations, whose names the listings and events show: ``organisation_profile_changed`` and
  ``organisation_deleting`` from the core.

There are no ``post_save`` hooks: a write that bypasses the services (shell, data migration) is made searchable
with ``manage.py search_reindex``. The outbox folds the repeated signals of one transaction into one row.
"""

from __future__ import annotations

from search.outbox import enqueue, enqueue_many

#: Organisation fields that appear in search documents (``search.sources``).
ORGANISATION_FIELDS_IN_DOCUMENTS = frozenset({"name_ja", "name_en"})


def on_listing_changed(sender, listing_id: int, deleted: bool = False, **kwargs) -> None:
    enqueue("listings", listing_id)


def on_need_changed(sender, need_id: int, deleted: bool = False, **kwargs) -> None:
    enqueue("needs", need_id)


def on_event_changed(sender, event_id: int, deleted: bool = False, **kwargs) -> None:
    enqueue("events", event_id)


def _shown_with(organisation) -> tuple[list[int], list[int]]:
    """Listings and events that show ``organisation``'s name."""
    from events.models import Event
    from marketplace.models import SolutionListing

    return (
        list(SolutionListing.objects.filter(vendor=organisation).values_list("pk", flat=True)),
        list(Event.objects.filter(organiser=organisation).values_list("pk", flat=True)),
    )


def on_organisation_profile_changed(sender, organisation, fields: list[str], **kwargs) -> None:
    if not ORGANISATION_FIELDS_IN_DOCUMENTS.intersection(fields):
        return
    listing_ids, event_ids = _shown_with(organisation)
    enqueue_many("listings", listing_ids)
    enqueue_many("events", event_ids)


def on_organisation_deleting(sender, organisation, **kwargs) -> None:
    """Everything of the organisation's that is indexed goes with it (the delete cascades)."""
    from marketplace.models import Need

    listing_ids, event_ids = _shown_with(organisation)
    enqueue_many("listings", listing_ids)
    enqueue_many("events", event_ids)
    enqueue_many("needs", list(Need.objects.filter(owner=organisation).values_list("pk", flat=True)))


def connect() -> None:
    from cpsplatform.organisations.signals import organisation_deleting, organisation_profile_changed
    from events.signals import event_changed
    from marketplace.signals import listing_changed, need_changed

    listing_changed.connect(on_listing_changed, dispatch_uid="search.listing_changed")
    need_changed.connect(on_need_changed, dispatch_uid="search.need_changed")
    event_changed.connect(on_event_changed, dispatch_uid="search.event_changed")
    organisation_profile_changed.connect(
        on_organisation_profile_changed, dispatch_uid="search.organisation_profile_changed"
    )
    organisation_deleting.connect(on_organisation_deleting, dispatch_uid="search.organisation_deleting")
