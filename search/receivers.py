"""Signal receivers that keep the search index in step with the marketplace (wired in ``SearchConfig.ready``).

The marketplace services send ``listing_changed`` / ``need_changed`` inside the transaction of each change; the
``post_save``/``post_delete``/``m2m_changed`` receivers are a safety net for writes that bypass the services
(admin, shell, data migrations). A change seen twice writes two outbox rows, which the drain folds into one.
"""

from __future__ import annotations

from search.outbox import enqueue, enqueue_many


def on_listing_changed(sender, listing_id: int, deleted: bool = False, **kwargs) -> None:
    enqueue("listings", listing_id)


def on_need_changed(sender, need_id: int, deleted: bool = False, **kwargs) -> None:
    enqueue("needs", need_id)


def on_listing_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        enqueue("listings", instance.pk)


def on_listing_deleted(sender, instance, **kwargs) -> None:
    enqueue("listings", instance.pk)


def on_need_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        enqueue("needs", instance.pk)


def on_need_deleted(sender, instance, **kwargs) -> None:
    enqueue("needs", instance.pk)


def on_listing_categories_changed(
    sender, instance, action: str, reverse: bool, pk_set=None, **kwargs
) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # category.listings.add(...): the listings are in pk_set
        for pk in pk_set or ():
            enqueue("listings", pk)
    else:
        enqueue("listings", instance.pk)


def on_need_m2m_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:
        for pk in pk_set or ():
            enqueue("needs", pk)
    else:
        enqueue("needs", instance.pk)


def on_verification_record_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        enqueue("listings", instance.listing_id)


def on_event_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        enqueue("events", instance.pk)


def on_event_deleted(sender, instance, **kwargs) -> None:
    enqueue("events", instance.pk)


def on_organisation_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """A vendor's name is shown with its listings, an organiser's with its events."""
    if raw:
        return
    from events.models import Event
    from marketplace.models import SolutionListing

    enqueue_many(
        "listings", list(SolutionListing.objects.filter(vendor=instance).values_list("pk", flat=True))
    )
    enqueue_many("events", list(Event.objects.filter(organiser=instance).values_list("pk", flat=True)))


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from cpsplatform.organisations.models import Organisation
    from events.models import Event
    from marketplace.models import Need, SolutionListing, VerificationRecord
    from marketplace.signals import listing_changed, need_changed

    # Events sends no change signal of its own: its saves and deletes are the hooks.
    post_save.connect(on_event_saved, sender=Event, dispatch_uid="search.event_saved")
    post_delete.connect(on_event_deleted, sender=Event, dispatch_uid="search.event_deleted")
    post_save.connect(on_organisation_saved, sender=Organisation, dispatch_uid="search.organisation_saved")
    listing_changed.connect(on_listing_changed, dispatch_uid="search.listing_changed")
    need_changed.connect(on_need_changed, dispatch_uid="search.need_changed")
    post_save.connect(on_listing_saved, sender=SolutionListing, dispatch_uid="search.listing_saved")
    post_delete.connect(on_listing_deleted, sender=SolutionListing, dispatch_uid="search.listing_deleted")
    post_save.connect(on_need_saved, sender=Need, dispatch_uid="search.need_saved")
    post_delete.connect(on_need_deleted, sender=Need, dispatch_uid="search.need_deleted")
    post_save.connect(
        on_verification_record_saved, sender=VerificationRecord, dispatch_uid="search.verification_saved"
    )
    m2m_changed.connect(
        on_listing_categories_changed,
        sender=SolutionListing.categories.through,
        dispatch_uid="search.listing_categories",
    )
    m2m_changed.connect(
        on_need_m2m_changed, sender=Need.categories.through, dispatch_uid="search.need_categories"
    )
    m2m_changed.connect(
        on_need_m2m_changed, sender=Need.invited_organisations.through, dispatch_uid="search.need_invited"
    )
