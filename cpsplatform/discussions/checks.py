"""``check_*``: may this person do this, right now? Each raises an ``errors.ChatError`` subclass when not.

Membership is read from the database on every call (never cached), so a removal takes effect for the next action.
"""

from cpsplatform.organisations.models import Membership

from . import selectors
from .errors import InvalidInput, NotAllowed, NotFound
from .models import Channel, ChannelKind

# --- checks -----------------------------------------------------------------------------------------------------


def check_can_read(user, channel: Channel) -> None:
    if not selectors.can_read(user, channel):
        raise NotFound("No such channel, or you are not a member of it.")


def check_can_post(user, channel: Channel) -> None:
    check_can_read(user, channel)
    if channel.is_archived:
        raise NotAllowed("This channel is archived and read-only.", code="archived")
    if channel.kind == ChannelKind.POLICY and not selectors.is_policy_poster(user):
        raise NotAllowed("Only policy staff of a public agency post in this channel.")


def check_can_moderate(user, channel: Channel) -> None:
    check_can_read(user, channel)
    if not selectors.is_moderator(user, channel):
        raise NotAllowed("Only moderators of this channel may do that.")


def check_can_create_channel(user, kind: str) -> None:
    """Who may open which kind of channel from the page (other apps create introduction and event channels)."""
    if kind in (ChannelKind.INTRODUCTION, ChannelKind.EVENT, ChannelKind.DIRECT):
        raise NotAllowed("Those channels are created by the platform.")
    if kind not in ChannelKind.values:
        raise InvalidInput("Unknown channel kind.")
    if not Membership.objects.filter(user=user).exists():
        raise NotAllowed("Join an organisation first.")
    if kind == ChannelKind.POLICY and not selectors.is_policy_poster(user):
        raise NotAllowed("Only policy staff of a public agency open policy channels.")
    probe = Channel(kind=kind)
    if kind != ChannelKind.PRIVATE and not selectors.readers_of(probe).filter(pk=user.pk).exists():
        raise NotAllowed("You could not read a channel of that kind.")
