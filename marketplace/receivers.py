"""The marketplace's wiring into the core: an accepted introduction opens a private channel for the pair (the
core's discussions app knows nothing of the marketplace; the marketplace calls its service API), and a change of an
organisation's staff approval or kind recomputes the verification levels it vouched for. What people are told
(notifications) is wired here too, from ``marketplace.notifications``."""

from django.urls import reverse

from cpsplatform.audit.signals import action_logged
from cpsplatform.discussions.models import Channel, ChannelKind
from cpsplatform.discussions.services import do_create_channel
from cpsplatform.organisations.signals import organisation_trust_changed

from . import notifications
from .models import Introduction
from .services.verification import do_refresh_levels_of_issuer
from .signals import introduction_accepted


def introduction_channel_key(introduction_id: int) -> str:
    return f"introduction:{introduction_id}"


def introduction_channel(introduction: Introduction) -> Channel | None:
    """The pair's channel of an accepted introduction (None before acceptance)."""
    return Channel.objects.filter(key=introduction_channel_key(introduction.pk)).first()


def open_introduction_channel(sender, introduction_id: int, **kwargs) -> Channel:
    """Sent after commit, so the acceptance is final. Idempotent by the channel key."""
    introduction = Introduction.objects.select_related("from_org", "to_org", "listing").get(
        pk=introduction_id
    )
    return do_create_channel(
        kind=ChannelKind.INTRODUCTION,
        name=f"{introduction.from_org.display_name} × {introduction.to_org.display_name}",
        description=introduction.listing.name if introduction.listing_id else "",
        organisations=[introduction.from_org, introduction.to_org],
        key=introduction_channel_key(introduction.pk),
        created_by=introduction.decided_by,
    )


def announce_introduction_accepted(sender, introduction_id: int, **kwargs) -> None:
    """After the channel exists (connected after ``open_introduction_channel``): the notification leads into it."""
    introduction = Introduction.objects.select_related("from_org", "to_org", "listing", "decided_by").get(
        pk=introduction_id
    )
    channel = open_introduction_channel(sender, introduction_id)
    notifications.notify_introduction_accepted(
        introduction, reverse("discussions:channel", kwargs={"slug": channel.slug})
    )


def refresh_levels_of_issuer(sender, organisation, **kwargs) -> None:
    """Sent inside the transaction that changed the approval: levels and badges change with it."""
    do_refresh_levels_of_issuer(organisation)


def connect() -> None:
    introduction_accepted.connect(open_introduction_channel, dispatch_uid="marketplace.introduction_channel")
    introduction_accepted.connect(
        announce_introduction_accepted, dispatch_uid="marketplace.introduction_accepted_notification"
    )
    action_logged.connect(notifications.on_action_logged, dispatch_uid="marketplace.notifications")
    notifications.register_kinds()
    organisation_trust_changed.connect(refresh_levels_of_issuer, dispatch_uid="marketplace.issuer_levels")
