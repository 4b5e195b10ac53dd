"""Who may request the discussion pages (walked by ``tests/test_access_matrix.py``).

The chat WebSocket (``/ws/discussions/``) is not a URL pattern; its authorisation is tested in
``tests/discussions/test_consumer.py`` and ``test_security.py``. ``search:messages`` lives in the search app but
searches discussion messages, so it is classified here, next to the channels it must not leak.
"""

import itertools

from tests.access.rules import LoginRequired, OrgScoped, UserScoped

_numbers = itertools.count(1)


def _introduction_channel(org) -> dict:
    """A channel only the members of ``org`` (and one other organisation) may read."""
    from cpsplatform.discussions.models import ChannelKind
    from cpsplatform.discussions.services import do_create_channel
    from cpsplatform.organisations.models import Organisation

    n = next(_numbers)
    partner = Organisation.objects.create(
        slug=f"access-chat-{n}", name_en=f"Access Chat Partner {n}", kind="vendor"
    )
    channel = do_create_channel(
        kind=ChannelKind.INTRODUCTION,
        name=f"Introduction {n}",
        organisations=[org, partner],
        key=f"access-introduction:{n}",
    )
    return {"slug": channel.slug}


def _moderated_private_channel(user) -> dict:
    """A private channel ``user`` moderates (nobody else may manage it)."""
    from cpsplatform.discussions.models import ChannelKind
    from cpsplatform.discussions.services import do_create_channel

    channel = do_create_channel(kind=ChannelKind.PRIVATE, name=f"Private {next(_numbers)}", created_by=user)
    return {"slug": channel.slug}


def _someone() -> dict:
    from cpsplatform.accounts.models import User

    person = User.objects.create_user(email=f"access-chat-{next(_numbers)}@example.com", password=None)
    return {"user_id": person.pk}


ACCESS_RULES = {
    "discussions:index": LoginRequired(),
    "discussions:create": LoginRequired(methods=("GET", "POST")),
    "discussions:channel": OrgScoped(setup=_introduction_channel, methods=("GET",)),
    "discussions:members": UserScoped(setup=_moderated_private_channel),
    "discussions:reports": UserScoped(setup=_moderated_private_channel),
    "discussions:direct": LoginRequired(setup=_someone, methods=("POST",)),
    "discussions:direct_group": LoginRequired(methods=("GET", "POST")),
    "search:messages": LoginRequired(),
}
