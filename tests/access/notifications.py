"""Who may request the notification pages (walked by ``tests/test_access_matrix.py``).

The live counts' WebSocket (``/ws/notifications/``) is not a URL pattern; it refuses anonymous connections and
only ever speaks of the connected person's own counts (``tests/notifications/test_live.py``). The unsubscribe link
needs no login: its signed token names the person and the kind, and a GET only asks for confirmation.
"""

import itertools

from tests.access.rules import LoginRequired, Public, UserScoped

_numbers = itertools.count(1)


def _own_notification(user) -> dict:
    from cpsplatform.notifications.kinds import all_kinds
    from cpsplatform.notifications.services import notify

    [notification] = notify([user], all_kinds()[0].code, params={})
    return {"pk": notification.pk}


def _unsubscribe_token() -> dict:
    from cpsplatform.accounts.models import User
    from cpsplatform.notifications.kinds import all_kinds
    from cpsplatform.notifications.mail import unsubscribe_token

    person = User.objects.create_user(email=f"access-unsubscribe-{next(_numbers)}@example.com", password=None)
    code = next(kind.code for kind in all_kinds() if kind.has_email_choice)
    return {"token": unsubscribe_token(person.pk, code)}


ACCESS_RULES = {
    "notifications:list": LoginRequired(),
    "notifications:open": UserScoped(setup=_own_notification, methods=("GET",)),
    "notifications:mark_read": UserScoped(setup=_own_notification, methods=("POST",)),
    "notifications:mark_all_read": LoginRequired(methods=("POST",)),
    "notifications:preferences": LoginRequired(methods=("GET", "POST")),
    "notifications:unsubscribe": Public(setup=_unsubscribe_token),
}
