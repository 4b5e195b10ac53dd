"""Fixtures of the notification tests: a kind of the tests' own (the core registers none itself; apps do, in their
``ready()``), registered like an app would."""

import pytest
from django.utils.translation import gettext_lazy as _

from cpsplatform.notifications import kinds
from cpsplatform.notifications.kinds import EmailChoice, NotificationKind

PING = "tests.ping"
PING_DAILY = "tests.ping_daily"


@pytest.fixture(autouse=True)
def test_kinds():
    kinds.register(NotificationKind(PING, "Ping", _("%(who)s pinged you about %(what)s."), "Tests"))
    kinds.register(
        NotificationKind(
            PING_DAILY, "Daily ping", "%(who)s pinged you.", "Tests", default_email=EmailChoice.DAILY
        )
    )
    return PING
