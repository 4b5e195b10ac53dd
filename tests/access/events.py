"""Access classification of every events URL (see ``tests/access/rules.py``).

Participants' own pages are ``UserScoped`` (a registration belongs to one user; anyone else gets a 404).
Organiser pages are ``OrgScoped`` to the event's organiser organisation (kind ``event_organiser``; every role, since
door staff are members too). The organiser index and the create page are open to any logged-in user but answer 403
to people who are not event organisers.
"""

import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from cpsplatform.organisations.models import Organisation, OrganisationKind
from tests.access.rules import LoginRequired, OrgScoped, Public, UserScoped


def _new_organiser() -> Organisation:
    token = secrets.token_hex(4)
    return Organisation.objects.create(
        kind=OrganisationKind.EVENT_ORGANISER,
        slug=f"events-access-{token}",
        name_en=f"Events access {token}",
        confirmed_by_staff=True,
    )


def _event(organiser: Organisation | None = None):
    from events.models import Event, Meetup

    now = timezone.now()
    organiser = organiser or _new_organiser()
    number = (Event.objects.filter(organiser=organiser).count() or 0) + 1
    event = Event.objects.create(
        organiser=organiser,
        number=number,
        title_en="Access check session",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=3),
        capacity=10,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=9),
        is_published=True,
    )
    Meetup.objects.create(
        event=event,
        capacity=10,
        starts_at=event.ends_at,
        ends_at=event.ends_at + timedelta(hours=2),
    )
    return event


def _registration(user, event=None, **fields):
    from events.models import Registration

    event = event or _event()
    values = {"status": Registration.Status.CONFIRMED, "wants_meetup": True, "has_meetup_seat": True}
    values.update(fields)
    return Registration.objects.create(event=event, user=user, **values)


def _other_user(label: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(f"{label}-{secrets.token_hex(4)}@access.example", "x" * 12)


# Setups ------------------------------------------------------------------------------------------------------


def event_kwargs() -> dict:
    return {"pk": _event().pk}


def cancel_token_kwargs() -> dict:
    from events.tokens import cancel_token

    return {"token": cancel_token(_registration(_other_user("cancel")))}


def own_registration(user) -> dict:
    return {"pk": _registration(user).pk}


def own_attendance(user) -> dict:
    return {"pk": _registration(user).event_id}


def own_meeting(user) -> dict:
    from events.models import Meeting

    invitee = _registration(user, listed_publicly=True)
    requester = _registration(_other_user("requester"), event=invitee.event)
    meeting = Meeting.objects.create(
        event=invitee.event, requester=requester, invitee=invitee, starts_at=invitee.event.meetup.starts_at
    )
    return {"pk": meeting.pk}


def own_material(user) -> dict:
    from events.models import Material

    registration = _registration(user)
    material = Material(event=registration.event, title="Slides", original_name="slides.txt", size=6)
    material.file.save("slides.txt", ContentFile(b"slides"), save=False)
    material.save()
    return {"pk": material.pk}


def organiser_event(organisation) -> dict:
    return {"pk": _event(organisation).pk}


def organiser_application(organisation) -> dict:
    from events.models import Registration

    registration = _registration(
        _other_user("applicant"),
        event=_event(organisation),
        status=Registration.Status.APPLIED,
        has_meetup_seat=False,
    )
    return {"pk": registration.pk}


def organiser_checkin_registration(organisation) -> dict:
    registration = _registration(_other_user("door"), event=_event(organisation))
    return {"pk": registration.event_id, "registration_pk": registration.pk}


ORGANISER = ("event_organiser",)

ACCESS_RULES = {
    "events:index": Public(),
    "events:feed": Public(),
    "events:detail": Public(setup=event_kwargs),
    "events:cancel_by_token": Public(setup=cancel_token_kwargs),
    "events:register": LoginRequired(setup=event_kwargs),
    "events:my_registrations": LoginRequired(),
    "events:attendees": UserScoped(setup=own_attendance, methods=("GET",)),
    "events:registration": UserScoped(setup=own_registration, methods=("GET",)),
    "events:registration_cancel": UserScoped(setup=own_registration),
    "events:registration_update": UserScoped(setup=own_registration, methods=("POST",)),
    "events:offer_respond": UserScoped(setup=own_registration, methods=("POST",)),
    "events:registration_ics": UserScoped(setup=own_registration, methods=("GET",)),
    "events:registration_qr": UserScoped(setup=own_registration, methods=("GET",)),
    "events:people_to_meet": UserScoped(setup=own_registration, methods=("GET",)),
    "events:schedule": UserScoped(setup=own_registration, methods=("GET",)),
    "events:meeting_request": UserScoped(setup=own_registration, methods=("POST",)),
    "events:meeting_respond": UserScoped(setup=own_meeting, methods=("POST",)),
    "events:material_download": UserScoped(setup=own_material, methods=("GET",)),
    "events:organiser_index": LoginRequired(),
    "events:event_create": LoginRequired(methods=("GET", "POST")),
    "events:dashboard": OrgScoped(setup=organiser_event, org_kinds=ORGANISER, methods=("GET",)),
    "events:event_edit": OrgScoped(setup=organiser_event, org_kinds=ORGANISER),
    "events:programme_edit": OrgScoped(setup=organiser_event, org_kinds=ORGANISER),
    "events:questions_edit": OrgScoped(setup=organiser_event, org_kinds=ORGANISER),
    "events:export_csv": OrgScoped(setup=organiser_event, org_kinds=ORGANISER, methods=("GET",)),
    "events:email_participants": OrgScoped(setup=organiser_event, org_kinds=ORGANISER),
    "events:materials": OrgScoped(setup=organiser_event, org_kinds=ORGANISER),
    "events:invite_guest": OrgScoped(setup=organiser_event, org_kinds=ORGANISER, methods=("POST",)),
    "events:run_lottery": OrgScoped(setup=organiser_event, org_kinds=ORGANISER, methods=("GET", "POST")),
    "events:record_no_shows": OrgScoped(setup=organiser_event, org_kinds=ORGANISER, methods=("POST",)),
    "events:checkin": OrgScoped(setup=organiser_event, org_kinds=ORGANISER),
    "events:checkin_registration": OrgScoped(
        setup=organiser_checkin_registration, org_kinds=ORGANISER, methods=("POST",)
    ),
    "events:application_decide": OrgScoped(
        setup=organiser_application, org_kinds=ORGANISER, methods=("POST",)
    ),
}
