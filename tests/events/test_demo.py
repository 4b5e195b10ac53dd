import io

import pytest
from django.utils import timezone

from events.models import Event, Registration
from events.selectors import event_figures
from scripts.demo import events as demo

pytestmark = pytest.mark.django_db


def test_demo_seeds_the_seven_sessions_with_the_reported_figures_idempotently():
    demo.seed(io.StringIO())
    first = sorted(
        Registration.objects.values_list("event__number", "user__email", "status", "has_meetup_seat")
    )
    demo.seed(io.StringIO())
    assert (
        sorted(Registration.objects.values_list("event__number", "user__email", "status", "has_meetup_seat"))
        == first
    )
    events = {e.number: e for e in Event.objects.filter(organiser__slug="ipa-collaboration-platform")}
    assert sorted(events) == [1, 2, 3, 4, 5, 6, 7]
    summaries = {n: event_figures(e).summary for n, e in events.items() if n < 7}
    assert summaries == {
        1: "179 registered (99 at the meetup)",
        2: "104 registered (74 at the meetup)",
        3: "132 registered (69 at the meetup)",
        4: "151 registered (56 at the meetup)",
        5: "98 registered (40 at the meetup)",
        6: "108 registered (48 at the meetup)",
    }
    now = timezone.now()
    assert [n for n, e in sorted(events.items()) if e.starts_at > now] == [6, 7]
    for number in range(1, 6):
        figures = event_figures(events[number])
        assert figures.applications > events[number].capacity or figures.waitlisted > 0
        assert figures.checked_in + figures.no_shows == figures.registered
    upcoming = event_figures(events[7])
    assert upcoming.summary == "137 applications for 100 seats"
    assert upcoming.pending == demo.SESSION_7_APPLICATIONS > events[7].capacity
    assert events[7].lottery_pending and events[4].lottery_drawn_at is not None
