"""'People to meet': before the event, each participant sees registered organisations whose needs or offers
overlap theirs, and can ask them for a 1:1 slot at the meetup.

Where interests come from is behind one small interface, ``InterestSource``, so the source can be swapped without
touching views or services: today ``DeclaredInterests`` (what each participant ticked when registering — CPSF
components — read as offers for vendors and as needs for user companies and universities); once the marketplace's
listings and needs are on main, a source reading their categories and CPSF components (``category:<slug>``,
``cpsf:<component>`` tags) plugs in through ``default_source()``; later the matching engine can.

Only participants who opted in to be listed are ever suggested (the attendee list is private by default).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cpsplatform.organisations.models import OrganisationKind
from cpsplatform.taxonomy import CpsfComponent

from .models import Registration, RegistrationStatus


@dataclass(frozen=True)
class Interests:
    """Tags such as ``cpsf:data`` or ``category:iot-ot-security``."""

    offers: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()


class InterestSource(Protocol):
    def interests(self, registrations: Sequence[Registration]) -> dict[int, Interests]:
        """Interests per registration id, for every registration given (empty ``Interests`` if none known)."""
        ...


#: Organisation kinds read as the seeds side (they offer) and the needs side (they look for solutions).
SEED_KINDS = frozenset({OrganisationKind.VENDOR})
NEED_KINDS = frozenset({OrganisationKind.USER_COMPANY, OrganisationKind.UNIVERSITY})


class DeclaredInterests:
    """Interests from the CPSF components each participant declared when registering."""

    def interests(self, registrations: Sequence[Registration]) -> dict[int, Interests]:
        result = {}
        for registration in registrations:
            tags = frozenset(f"cpsf:{c}" for c in registration.interest_components or [])
            kind = registration.organisation.kind if registration.organisation else ""
            if kind in SEED_KINDS:
                result[registration.pk] = Interests(offers=tags)
            elif kind in NEED_KINDS:
                result[registration.pk] = Interests(needs=tags)
            else:
                result[registration.pk] = Interests(offers=tags, needs=tags)
        return result


def default_source() -> InterestSource:
    return DeclaredInterests()


def tag_label(tag: str) -> str:
    prefix, _, value = tag.partition(":")
    if prefix == "cpsf" and value in CpsfComponent.values:
        return str(CpsfComponent(value).label)
    return value.replace("-", " ")


@dataclass(frozen=True)
class Suggestion:
    registration: Registration
    score: int
    they_offer: list[str] = field(default_factory=list)  # what they offer that you need
    they_need: list[str] = field(default_factory=list)  # what they need that you offer
    shared_needs: list[str] = field(default_factory=list)  # worries you share (needs-side collaboration)


def suggest(me: Interests, them: Interests) -> tuple[int, list[str], list[str], list[str]]:
    """Complementary overlaps (needs × seeds) count double; shared needs count once."""
    they_offer = sorted(me.needs & them.offers)
    they_need = sorted(me.offers & them.needs)
    shared = sorted(me.needs & them.needs)
    return 2 * len(they_offer) + 2 * len(they_need) + len(shared), they_offer, they_need, shared


def people_to_meet(
    registration: Registration, *, source: InterestSource | None = None, limit: int = 20
) -> list[Suggestion]:
    source = source or default_source()
    others = list(
        Registration.objects.filter(
            event_id=registration.event_id,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN],
            listed_publicly=True,
        )
        .exclude(pk=registration.pk)
        .exclude(user_id=registration.user_id)
        .select_related("user", "organisation")
    )
    if registration.organisation_id:
        others = [o for o in others if o.organisation_id != registration.organisation_id]
    interests = source.interests([registration, *others])
    mine = interests.get(registration.pk, Interests())
    suggestions = []
    for other in others:
        score, they_offer, they_need, shared = suggest(mine, interests.get(other.pk, Interests()))
        if score:
            suggestions.append(
                Suggestion(
                    other,
                    score,
                    [tag_label(t) for t in they_offer],
                    [tag_label(t) for t in they_need],
                    [tag_label(t) for t in shared],
                )
            )
    suggestions.sort(key=lambda s: (-s.score, s.registration.person_name, s.registration.pk))
    return suggestions[:limit]
