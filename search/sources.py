"""Site objects as search records: the only module of ``search`` that reads the models it indexes (marketplace,
events, discussion messages).

Loading is batched (``select_related``/``prefetch_related``) so a drain or a reindex of N objects costs a
handful of queries, not N.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from cpsplatform.accounts.names import display_name
from cpsplatform.discussions.models import Message
from events.models import Event
from marketplace.models import Need, SecurityCategory, SolutionListing, VerificationRecord
from search.discussions_index import MessageRecord
from search.records import EventRecord, ListingRecord, NeedRecord


def _joined(*texts: str) -> str:
    return "\n".join(text for text in texts if text)


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, kwargs={"pk": pk})
    except NoReverseMatch:
        return ""


def listings_queryset() -> QuerySet[SolutionListing]:
    return SolutionListing.objects.select_related("vendor").prefetch_related(
        Prefetch("categories", queryset=SecurityCategory.objects.order_by("sort_order", "slug")),
        Prefetch(
            "verification_records",
            queryset=VerificationRecord.objects.badge_worthy(),
            to_attr="search_badge_records",
        ),
    )


def needs_queryset() -> QuerySet[Need]:
    return Need.objects.select_related("owner").prefetch_related(
        Prefetch("categories", queryset=SecurityCategory.objects.order_by("sort_order", "slug")),
        "invited_organisations",
    )


def listing_record(listing: SolutionListing) -> ListingRecord:
    categories = list(listing.categories.all())
    badge_records = getattr(listing, "search_badge_records", None)
    if badge_records is None:
        badge_records = list(listing.verification_records.badge_worthy())
    languages = [lang for lang, name in (("ja", listing.name_ja), ("en", listing.name_en)) if name]
    return ListingRecord(
        id=str(listing.pk),
        name=_joined(listing.name_ja, listing.name_en),
        summary=_joined(listing.summary_ja, listing.summary_en),
        description=_joined(listing.description_ja, listing.description_en),
        vendor=str(listing.vendor_id),
        vendor_name=listing.vendor.display_name,
        language=languages[0] if len(languages) == 1 else None,
        categories=[c.slug for c in categories],
        category_names=[name for c in categories for name in (c.name_ja, c.name_en) if name],
        cpsf_layers=list(listing.cpsf_layers or []),
        cpsf_components=list(listing.cpsf_components or []),
        industries=list(listing.industries or []),
        company_sizes=list(listing.company_sizes or []),
        regions=list(listing.regions or []),
        delivery_models=list(listing.delivery_models or []),
        price_min=listing.price_min_jpy,
        price_max=listing.price_max_jpy,
        verification_level=int(listing.verification_level),
        verification_kinds=sorted({record.kind for record in badge_records}),
        status=listing.status,
        published_at=listing.published_at,
        updated_at=listing.updated_at,
        display={
            "name_ja": listing.name_ja,
            "name_en": listing.name_en,
            "summary_ja": listing.summary_ja,
            "summary_en": listing.summary_en,
            "url": _url("marketplace:listing_detail", listing.pk),
            "sponsored": listing.is_sponsored,
            "price_unit": listing.price_unit,
        },
    )


def need_record(need: Need) -> NeedRecord:
    categories = list(need.categories.all())
    return NeedRecord(
        id=str(need.pk),
        title=need.title,
        description=need.description,
        language=need.language,
        categories=[c.slug for c in categories],
        category_names=[name for c in categories for name in (c.name_ja, c.name_en) if name],
        cpsf_layers=list(need.cpsf_layers or []),
        cpsf_components=list(need.cpsf_components or []),
        industry=need.industry or None,
        company_size=need.company_size or None,
        region=need.region or None,
        budget_max=need.budget_max_jpy,
        min_verification=int(need.min_verification_level) or None,
        urgent=bool(need.is_incident or need.urgency == "high"),
        need_type=need.need_type,
        status=need.status,
        visibility=need.visibility,
        owner_org=str(need.owner_id),
        invited_orgs=[str(org.pk) for org in need.invited_organisations.all()],
        expires_at=need.expires_at,
        created_at=need.created_at,
        updated_at=need.updated_at,
        display={"title": need.title, "url": _url("marketplace:need_detail", need.pk)},
    )


def events_queryset() -> QuerySet[Event]:
    return Event.objects.select_related("organiser")


def event_record(event: Event) -> EventRecord:
    return EventRecord(
        id=str(event.pk),
        title=_joined(event.title_ja, event.title_en),
        description=event.description,
        theme=event.theme,
        venue=event.venue,
        organiser_name=event.organiser.display_name,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        status="published" if event.is_published else "draft",
        updated_at=event.updated_at,
        display={
            "title_ja": event.title_ja,
            "title_en": event.title_en,
            "url": _url("events:detail", event.pk),
            "starts_at": event.starts_at.isoformat(),
            "venue": event.venue,
        },
    )


def messages_queryset() -> QuerySet[Message]:
    return Message.objects.select_related("channel", "sender")


def message_record(message: Message) -> MessageRecord:
    sender = message.sender
    return MessageRecord(
        id=str(message.pk),
        channel_id=message.channel_id,
        channel_slug=message.channel.slug,
        seq=message.seq,
        change=message.change,
        visible=message.is_visible,
        topic=message.topic,
        body=message.body,
        sender_id=message.sender_id,
        sender_name=display_name(sender),
        created_at=message.created_at,
    )


#: Per kind: the model, the batched queryset and the record builder.
SOURCES = {
    "listings": (SolutionListing, listings_queryset, listing_record),
    "needs": (Need, needs_queryset, need_record),
    "events": (Event, events_queryset, event_record),
    "messages": (Message, messages_queryset, message_record),
}

#: The timestamps that move when an object's indexed state changes. A message has no ``updated_at``: it is
#: posted, edited, deleted or hidden (reactions bump its version but change nothing indexed).
CHANGE_STAMPS: dict[str, tuple[str, ...]] = {
    "messages": ("created_at", "edited_at", "deleted_at", "hidden_at"),
}


Record = ListingRecord | NeedRecord | EventRecord | MessageRecord


def load_records(kind: str, ids: Iterable[str]) -> dict[str, Record]:
    """Current records of the given objects; ids missing from the result no longer exist."""
    if kind not in SOURCES:
        raise ValueError(f"Unknown kind {kind!r}")
    _model, queryset, build = SOURCES[kind]
    pks = [int(pk) for pk in ids if str(pk).isdigit()]
    return {str(obj.pk): build(obj) for obj in queryset().filter(pk__in=pks)}


def iter_all(kind: str, batch_size: int = 500) -> Iterator[Record]:
    """Every object of ``kind`` as records, in primary-key order, loaded in batches."""
    _model, queryset, build = SOURCES[kind]
    last = 0
    while True:
        batch = list(queryset().filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        for obj in batch:
            yield build(obj)
        last = batch[-1].pk


def count_all(kind: str) -> int:
    return SOURCES[kind][0].objects.count()


def ids_changed_since(kind: str, since) -> list[str]:
    model = SOURCES[kind][0]
    changed = Q()
    for stamp in CHANGE_STAMPS.get(kind, ("updated_at",)):
        changed |= Q(**{f"{stamp}__gte": since})
    return [str(pk) for pk in model.objects.filter(changed).values_list("pk", flat=True)]


def existing_ids(kind: str) -> set[str]:
    return {str(pk) for pk in SOURCES[kind][0].objects.values_list("pk", flat=True)}
