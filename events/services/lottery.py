"""The seat lottery: drawn once, at the published time, reproducible by anyone who has the published seed.

How the draw works (``draw``): each application gets the key ``log(u) / weight``, where ``u`` in (0, 1) comes from
HMAC-SHA256(seed, registration id) — so the key depends on nothing but the seed and the entry, not on database
order. Sorting by key, largest first, is weighted random sampling without replacement (Efraimidis–Spirakis): an
entry with weight 2 is twice as likely as one with weight 1 to be ahead of any given other entry. Seats go down that
order, skipping anyone whose organisation already has ``per_organisation_limit`` seats; everyone else joins the
waitlist in draw order. After the draw, freed seats go first come through the waitlist.

Weights (``attendance_weight``) follow the platform's wish for new members and for seats that get used: an
organisation that has never attended gets ``Event.new_member_weight``; a history of no-shows lowers the weight by
up to ``NO_SHOW_PENALTY`` (in proportion to the share of its past seats that went unused). People registering
without an organisation are weighed on their own history.
"""

import hashlib
import hmac
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action

from ..models import AllocationMode, Event, Registration, RegistrationStatus
from ..signals import registration_confirmed, send_on_commit
from . import waitlist
from .common import free_seats, lock_event, lock_meetup, meetup_seats_taken, seats_per_organisation
from .errors import OrganiserActionRefused
from .notifications import notify_registrants

Status = RegistrationStatus

#: The largest share of weight an organisation loses for a history of seats it did not use.
NO_SHOW_PENALTY = 0.5


@dataclass(frozen=True)
class LotteryEntry:
    registration_id: int
    organisation_id: int | None
    weight: float = 1.0


@dataclass(frozen=True)
class LotteryResult:
    order: tuple[int, ...]
    winners: tuple[int, ...]
    waitlist: tuple[int, ...]


def entry_key(seed: str, entry: LotteryEntry) -> float:
    digest = hmac.new(seed.encode(), str(entry.registration_id).encode(), hashlib.sha256).digest()
    u = (int.from_bytes(digest[:8], "big") + 0.5) / 2**64
    return math.log(u) / entry.weight


def draw_order(entries: Iterable[LotteryEntry], seed: str) -> list[LotteryEntry]:
    return sorted(entries, key=lambda entry: (-entry_key(seed, entry), entry.registration_id))


def draw(
    entries: Sequence[LotteryEntry],
    *,
    seed: str,
    seats: int,
    per_organisation_limit: int | None = None,
    already_held: Mapping[int, int] | None = None,
) -> LotteryResult:
    """Allocate ``seats`` among ``entries``; pure and deterministic for a given seed."""
    held = Counter(already_held or {})
    order = draw_order(entries, seed)
    winners: list[int] = []
    waiting: list[int] = []
    for entry in order:
        org = entry.organisation_id
        org_has_room = per_organisation_limit is None or org is None or held[org] < per_organisation_limit
        if len(winners) < seats and org_has_room:
            winners.append(entry.registration_id)
            if org is not None:
                held[org] += 1
        else:
            waiting.append(entry.registration_id)
    return LotteryResult(
        order=tuple(e.registration_id for e in order), winners=tuple(winners), waitlist=tuple(waiting)
    )


def attendance_weight(*, attended: int, no_shows: int, new_member_weight: float) -> float:
    weight = 1.0
    if attended == 0:
        weight *= new_member_weight
    if no_shows:
        weight *= 1 - NO_SHOW_PENALTY * no_shows / (attended + no_shows)
    return weight


def _history(filter_field: str, ids: set[int], before: datetime) -> dict[int, Counter]:
    if not ids:
        return {}
    rows = (
        Registration.objects.filter(
            **{f"{filter_field}__in": ids},
            event__starts_at__lt=before,
            status__in=[Status.CHECKED_IN, Status.NO_SHOW],
        )
        .values(filter_field, "status")
        .annotate(n=Count("pk"))
    )
    history: dict[int, Counter] = {}
    for row in rows:
        history.setdefault(row[filter_field], Counter())[row["status"]] = row["n"]
    return history


def lottery_entries(event: Event, applicants: Sequence[Registration]) -> list[LotteryEntry]:
    """Entries with weights from each organisation's (or org-less person's) attendance at earlier events."""
    org_history = _history(
        "organisation_id", {r.organisation_id for r in applicants if r.organisation_id}, event.starts_at
    )
    user_history = _history(
        "user_id", {r.user_id for r in applicants if not r.organisation_id}, event.starts_at
    )
    new_member_weight = float(event.new_member_weight)
    entries = []
    for registration in applicants:
        if registration.organisation_id:
            past = org_history.get(registration.organisation_id, Counter())
        else:
            past = user_history.get(registration.user_id, Counter())
        weight = attendance_weight(
            attended=past[Status.CHECKED_IN],
            no_shows=past[Status.NO_SHOW],
            new_member_weight=new_member_weight,
        )
        entries.append(LotteryEntry(registration.pk, registration.organisation_id, weight))
    return entries


def check_may_draw(event: Event, *, now: datetime) -> None:
    """Refuse a draw that is not allowed now, with the reason. The same rule for the organiser's "Draw now"
    and for ``events_tick``: once only; at the published time, or earlier once applications have closed.

    Precondition: ``event`` was read under its row lock (``lock_event``), so "not drawn yet" is still true.
    """
    if event.allocation != AllocationMode.LOTTERY:
        raise OrganiserActionRefused(_("This event does not allocate seats by lottery."))
    if event.lottery_drawn_at is not None:
        raise OrganiserActionRefused(
            _(
                "The lottery was already drawn on %(time)s with seed %(seed)s; a lottery is drawn only once, "
                "so its result stands."
            )
            % {
                "time": timezone.localtime(event.lottery_drawn_at).strftime("%Y-%m-%d %H:%M"),
                "seed": event.lottery_drawn_seed or event.lottery_seed,
            },
            code="already_drawn",
        )
    if not event.lottery_may_be_drawn(now):
        raise OrganiserActionRefused(
            _(
                "Applications are open until %(closes)s; the lottery can be drawn once they close, and it runs "
                "by itself at the published time, %(time)s."
            )
            % {
                "closes": timezone.localtime(event.registration_closes_at).strftime("%Y-%m-%d %H:%M"),
                "time": timezone.localtime(event.lottery_draw_at).strftime("%Y-%m-%d %H:%M"),
            },
            code="too_early",
        )


def do_run_lottery(event: Event, *, now: datetime | None = None, by=None) -> LotteryResult:
    """Draw the lottery of ``event`` once (see ``check_may_draw``), with the published seed, and record that
    seed, the weights and the full draw order with the result so anyone can recompute it (``draw_order``)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(event.pk)
        check_may_draw(event, now=now)
        seed = event.lottery_seed
        meetup = lock_meetup(event)
        applicants = list(
            Registration.objects.filter(event=event, status=Status.APPLIED)
            .select_related("user", "organisation", "event")
            .order_by("pk")
        )
        entries = lottery_entries(event, applicants)
        result = draw(
            entries,
            seed=seed,
            seats=free_seats(event),
            per_organisation_limit=event.per_organisation_limit,
            already_held=seats_per_organisation(event),
        )
        by_id = {r.pk: r for r in applicants}
        meetup_left = meetup.capacity - meetup_seats_taken(meetup) if meetup else 0
        winners = [by_id[pk] for pk in result.winners]
        losers = [by_id[pk] for pk in result.waitlist]
        for registration in winners:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.has_meetup_seat = registration.wants_meetup and meetup_left > 0
            meetup_left -= registration.has_meetup_seat
        for rank, registration in enumerate(losers, start=1):
            registration.status = Status.WAITLISTED
            registration.lottery_rank = rank
        Registration.objects.bulk_update(
            winners + losers, ["status", "confirmed_at", "has_meetup_seat", "lottery_rank", "updated_at"]
        )
        event.lottery_drawn_at = now
        event.lottery_drawn_seed = seed
        event.save(update_fields=["lottery_drawn_at", "lottery_drawn_seed", "updated_at"])
        log_action(
            "events.lottery.drawn",
            actor=by,
            organisation=event.organiser,
            subject=event,
            data={
                "seed": seed,
                "applications": len(applicants),
                "seats": len(result.winners),
                "order": list(result.order),
                "weights": {str(entry.registration_id): entry.weight for entry in entries},
                "winners": list(result.winners),
                "waitlist": list(result.waitlist),
            },
        )
        notify_registrants(winners, "lottery_won")
        notify_registrants(losers, "lottery_waitlisted")
        for registration in winners:
            send_on_commit(registration_confirmed, Registration, registration=registration)
        waitlist.do_fill_free_seats(event, now=now)
    return result


def do_run_due_lotteries(*, now: datetime | None = None) -> int:
    """Draw every lottery whose published time has come (those an organiser drew early are skipped);
    concurrent callers draw each one exactly once."""
    now = now or timezone.now()
    due = Event.objects.filter(
        allocation=AllocationMode.LOTTERY, lottery_drawn_at__isnull=True, lottery_draw_at__lte=now
    ).values_list("pk", flat=True)
    drawn = 0
    for event in Event.objects.filter(pk__in=list(due)).order_by("pk"):
        try:
            do_run_lottery(event, now=now)
        except OrganiserActionRefused:
            continue  # drawn by a concurrent run a moment ago
        drawn += 1
    return drawn
