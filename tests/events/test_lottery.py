"""The lottery: deterministic for a seed, respects the per-organisation limit, favours newcomers (statistically)."""

import statistics
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from events.models import AllocationMode, Registration
from events.services import lottery
from events.services import registration as service
from events.services.errors import OrganiserActionRefused
from events.services.lottery import LotteryEntry, attendance_weight, draw

from .conftest import make_event, make_org, make_user

Status = Registration.Status


def entries(count: int, *, orgs: int, weight: float = 1.0, start: int = 1) -> list[LotteryEntry]:
    return [
        LotteryEntry(start + i, organisation_id=(start + i) % orgs + 1000 * start, weight=weight)
        for i in range(count)
    ]


def test_the_same_seed_gives_the_same_draw_in_any_input_order():
    pool = entries(80, orgs=20)
    first = draw(pool, seed="c0ffee", seats=30, per_organisation_limit=2)
    second = draw(list(reversed(pool)), seed="c0ffee", seats=30, per_organisation_limit=2)
    other = draw(pool, seed="decaf", seats=30, per_organisation_limit=2)
    assert first == second
    assert first.order != other.order
    assert len(first.winners) == 30 and len(first.winners) + len(first.waitlist) == 80


@pytest.mark.parametrize("seed", [f"seed-{n}" for n in range(50)])
def test_no_organisation_ever_gets_more_than_its_limit(seed):
    pool = entries(120, orgs=12)
    result = draw(
        pool, seed=seed, seats=40, per_organisation_limit=3, already_held={pool[0].organisation_id: 1}
    )
    org_of = {e.registration_id: e.organisation_id for e in pool}
    per_org = Counter(org_of[r] for r in result.winners)
    per_org[pool[0].organisation_id] += 1
    assert max(per_org.values()) <= 3
    assert len(result.winners) == 35  # 12 organisations x 3 seats, one of them already held


def test_newcomers_win_more_often_over_many_seeds_and_not_without_the_preference():
    """Two equal groups of 40 applicants for 20 seats. With weight 2 for newcomers their share of the seats over
    300 seeds is about 0.64 (Efraimidis–Spirakis sampling); with weight 1 it is 0.5."""
    veterans = entries(40, orgs=40, weight=1.0, start=1)
    newcomers_weighted = entries(40, orgs=40, weight=2.0, start=500)
    newcomers_plain = entries(40, orgs=40, weight=1.0, start=500)
    new_ids = {e.registration_id for e in newcomers_weighted}

    def share(pool, seed):
        winners = draw(pool, seed=seed, seats=20).winners
        return sum(1 for w in winners if w in new_ids) / len(winners)

    weighted = [share(veterans + newcomers_weighted, f"s{n}") for n in range(300)]
    plain = [share(veterans + newcomers_plain, f"s{n}") for n in range(300)]
    assert 0.59 < statistics.mean(weighted) < 0.70
    assert 0.46 < statistics.mean(plain) < 0.54
    assert statistics.mean(weighted) - statistics.mean(plain) > 0.08


def test_attendance_weight_prefers_newcomers_and_penalises_no_shows():
    assert attendance_weight(attended=0, no_shows=0, new_member_weight=2.0) == 2.0
    assert attendance_weight(attended=3, no_shows=0, new_member_weight=2.0) == 1.0
    assert attendance_weight(attended=1, no_shows=1, new_member_weight=2.0) == 0.75
    assert attendance_weight(attended=0, no_shows=2, new_member_weight=2.0) == 1.0


@pytest.mark.django_db
def test_weights_come_from_each_organisations_attendance_at_earlier_events(organiser_org):
    past = make_event(organiser_org, capacity=50)
    veteran, flaky, newcomer = make_org(), make_org(), make_org()
    for org, status in ((veteran, Status.CHECKED_IN), (flaky, Status.NO_SHOW)):
        Registration.objects.create(event=past, user=make_user(org), organisation=org, status=status)
    upcoming = make_event(
        organiser_org, allocation=AllocationMode.LOTTERY, starts_at=past.starts_at + timedelta(days=30)
    )
    applicants = [
        service.do_register(event=upcoming, user=make_user(org), organisation=org)
        for org in (veteran, flaky, newcomer)
    ]
    weights = {e.organisation_id: e.weight for e in lottery.lottery_entries(upcoming, applicants)}
    assert weights == {veteran.pk: 1.0, flaky.pk: 1.0, newcomer.pk: 2.0}


@pytest.mark.django_db
def test_running_the_lottery_allocates_seats_once_and_publishes_the_seed(organiser_org, organiser):
    event = make_event(organiser_org, capacity=3, allocation=AllocationMode.LOTTERY, meetup_capacity=1)
    applicants = [
        service.do_register(event=event, user=make_user(), organisation=None, wants_meetup=True)
        for _ in range(5)
    ]
    assert {a.status for a in applicants} == {Status.APPLIED}
    with pytest.raises(OrganiserActionRefused, match="can be drawn once they close"):
        lottery.do_run_lottery(event, by=organiser)
    result = lottery.do_run_lottery(event, now=event.lottery_draw_at, by=organiser)
    expected = draw(lottery.lottery_entries(event, applicants), seed=event.lottery_seed, seats=3)
    assert result.winners == expected.winners
    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert [statuses[pk] for pk in result.winners] == [Status.CONFIRMED] * 3
    ranks = dict(Registration.objects.filter(event=event).values_list("pk", "lottery_rank"))
    assert [ranks[pk] for pk in result.waitlist] == [1, 2]
    assert Registration.objects.filter(event=event, has_meetup_seat=True).count() == 1
    entry = AuditLogEntry.objects.get(action="events.lottery.drawn")
    assert entry.data["seed"] == event.lottery_seed
    with pytest.raises(OrganiserActionRefused, match="already drawn"):
        lottery.do_run_lottery(event, now=event.lottery_draw_at, by=organiser)


@pytest.mark.django_db
def test_after_the_draw_freed_seats_go_first_come_through_the_ranked_waitlist(organiser_org):
    event = make_event(
        organiser_org,
        capacity=2,
        allocation=AllocationMode.LOTTERY,
        lottery_draw_at=timezone.now() + timedelta(days=1),
    )
    applicants = [service.do_register(event=event, user=make_user(), organisation=None) for _ in range(4)]
    result = lottery.do_run_lottery(event, now=event.lottery_draw_at)
    winner = Registration.objects.get(pk=result.winners[0])
    service.do_cancel_registration(winner, by=winner.user, now=event.lottery_draw_at)
    offered = Registration.objects.get(status=Status.OFFERED)
    assert offered.pk == result.waitlist[0]
    late = service.do_register(event=event, user=make_user(), organisation=None, now=event.lottery_draw_at)
    assert late.status == Status.WAITLISTED
    assert len(applicants) == 4
