"""The marketplace's wiring into the core: an accepted introduction opens a private channel for the pair (the
core's discussions app knows nothing of the marketplace; the marketplace calls its service API), and a change of an
organisation's staff approval or kind recomputes the verification levels it vouched for."""

from cpsplatform.discussions.models import ChannelKind
from cpsplatform.discussions.services import do_create_channel
from cpsplatform.organisations.signals import organisation_trust_changed

from .models import Introduction
from .services.verification import do_refresh_levels_of_issuer
from .signals import introduction_accepted


def open_introduction_channel(sender, introduction_id: int, **kwargs) -> None:
    """Sent after commit, so the acceptance is final. Idempotent by the channel key."""
    introduction = Introduction.objects.select_related("from_org", "to_org", "listing").get(
        pk=introduction_id
    )
    do_create_channel(
        kind=ChannelKind.INTRODUCTION,
        name=f"{introduction.from_org.display_name} × {introduction.to_org.display_name}",
        description=introduction.listing.name if introduction.listing_id else "",
        organisations=[introduction.from_org, introduction.to_org],
        key=f"introduction:{introduction.pk}",
        created_by=introduction.decided_by,
    )


def refresh_levels_of_issuer(sender, organisation, **kwargs) -> None:
    """Sent inside the transaction that changed the approval: levels and badges change with it."""
    do_refresh_levels_of_issuer(organisation)


def connect() -> None:
    introduction_accepted.connect(open_introduction_channel, dispatch_uid="marketplace.introduction_channel")
    organisation_trust_changed.connect(refresh_levels_of_issuer, dispatch_uid="marketplace.issuer_levels")
