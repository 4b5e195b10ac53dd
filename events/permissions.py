"""Who may run which event, see which registration, download which material: the one place events asks.

Organisers are members (any role: door staff are members too) of an organisation of kind ``event_organiser``, or
platform staff. An event belongs to its organiser organisation. Anyone may register an event-organiser
organisation, so what the public sees waits for platform staff: an organiser that staff have not approved
(``Organisation.awaits_staff_approval``) may prepare drafts, but its events are never public and never open for
registration (``PUBLIC_EVENTS``, ``may_publish``). Membership questions go to the core scoping helper
(``cpsplatform.organisations.permissions``); this module adds only what is particular to events.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation, OrganisationKind
from cpsplatform.organisations.permissions import visible_to_members

from .models import REGISTERED, Event, Material, Registration

#: Events the public may see and register for: published, by an organiser platform staff approved.
PUBLIC_EVENTS = Q(is_published=True, organiser__confirmed_by_staff=True)


def may_publish(organiser: Organisation) -> bool:
    """Whether ``organiser``'s events may be published (and so open registration)."""
    return organiser.confirmed_by_staff


def is_public(event: Event) -> bool:
    """The one-event form of ``PUBLIC_EVENTS``."""
    return event.is_published and may_publish(event.organiser)


def organiser_organisations(user) -> QuerySet[Organisation]:
    """The event-organiser organisations ``user`` may run events for."""
    organisers = Organisation.objects.filter(kind=OrganisationKind.EVENT_ORGANISER)
    if not getattr(user, "is_authenticated", False):
        return organisers.none()
    if user.is_staff:
        return organisers
    return organisers.filter(memberships__user=user).distinct()


def can_organise(actor: Actor) -> bool:
    """Staff, and members of an event-organiser organisation (any of theirs, not only the one they act for)."""
    return actor.is_staff or any(
        m.organisation.kind == OrganisationKind.EVENT_ORGANISER for m in actor.memberships
    )


def managed_events(user) -> QuerySet[Event]:
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    if user.is_staff:
        return Event.objects.all()
    return visible_to_members(
        Event.objects.filter(organiser__kind=OrganisationKind.EVENT_ORGANISER), user, field="organiser"
    )


def can_manage_event(actor: Actor, event: Event) -> bool:
    if not actor.is_authenticated:
        return False
    if actor.user.is_staff:
        return True
    return event.organiser.kind == OrganisationKind.EVENT_ORGANISER and actor.is_member_of_id(
        event.organiser_id
    )


def get_managed_event_or_404(user, pk: int) -> Event:
    """The event ``pk`` if ``user`` may run it; a 404 otherwise, so other organisations learn nothing."""
    event = managed_events(user).select_related("organiser").filter(pk=pk).first()
    if event is None:
        raise Http404("No such event")
    return event


def get_managed_registration_or_404(user, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("event", "event__organiser", "user", "organisation")
        .filter(pk=pk, event__in=managed_events(user))
        .first()
    )
    if registration is None:
        raise Http404("No such registration")
    return registration


def visible_events(user) -> QuerySet[Event]:
    """Public events, plus drafts (and not yet approved organisers' events) of the organisations ``user`` runs
    events for."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.filter(PUBLIC_EVENTS)
    return Event.objects.filter(PUBLIC_EVENTS | Q(pk__in=managed_events(user).values("pk")))


def get_own_registration_or_404(user, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("event", "event__organiser", "organisation", "user")
        .filter(pk=pk, user=user)
        .first()
    )
    if registration is None:
        raise Http404("No such registration")
    return registration


def may_see_attendees(actor: Actor, event: Event) -> bool:
    """Organisers, and participants who hold a seat, may see the attendees who opted in to be listed."""
    if not actor.is_authenticated:
        return False
    if can_manage_event(actor, event):
        return True
    return Registration.objects.filter(event=event, user=actor.user, status__in=REGISTERED).exists()


def may_download_material(actor: Actor, material: Material) -> bool:
    """Organisers, and everyone who held a seat (confirmed, checked in or no-show)."""
    return may_see_attendees(actor, material.event)
