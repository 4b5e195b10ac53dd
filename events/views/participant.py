"""A participant's own pages: register, see status, cancel, confirm an offered seat, calendar file, QR code,
attendees, people to meet and 1:1 meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpsplatform.privatefiles import private_file_response
from cpsplatform.refusals import flash

from .. import selectors
from ..forms import MeetingRequestForm, PreferencesForm, RegistrationForm
from ..ical import calendar_response, registration_calendar
from ..matchmaking import people_to_meet as suggest_people
from ..models import Material, Meeting, Registration, RegistrationStatus
from ..permissions import get_own_registration_or_404, may_download_material, may_see_attendees
from ..services import meetings, waitlist
from ..services import registration as registration_service
from ..services.checkin import qr_png
from ..services.errors import EventsError, RegistrationRefused
from ..tokens import checkin_code


def register(request, pk: int):
    event = selectors.event_for_page(pk, request.user)
    if event is None:
        raise Http404("No such event")
    if not request.user.is_authenticated:
        messages.info(request, _("Please log in to register for this event."))
        return redirect_to_login(request.get_full_path())
    existing = selectors.registration_of(request.user, event)
    if existing is not None and existing.is_active:
        messages.info(
            request,
            _("You are already registered for this event (status: %(status)s).")
            % {"status": existing.get_status_display()},
        )
        return redirect("events:registration", pk=existing.pk)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_service.do_register(
                event=event,
                user=request.user,
                organisation=request.active_organisation or None,
                wants_meetup=form.cleaned_data.get("wants_meetup", False),
                listed_publicly=form.cleaned_data["listed_publicly"],
                answers=form.answers(),
                interest_components=form.cleaned_data["interest_components"],
            )
        except EventsError as error:
            flash(request, error)
            form.add_error(None, error.message)
        else:
            messages.success(request, _status_message(registration))
            return redirect("events:registration", pk=registration.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "open": event.registration_is_open(timezone.now())},
        status=status,
    )


def _status_message(registration: Registration) -> str:
    return {
        RegistrationStatus.CONFIRMED: _("You are registered: your seat is confirmed."),
        RegistrationStatus.WAITLISTED: _(
            "The event is full: you are on the waitlist. We will e-mail you if a seat frees up."
        ),
        RegistrationStatus.APPLIED: _("Your application is received. We will e-mail you the result."),
    }.get(registration.status, registration.get_status_display())


@login_required
def my_registrations(request):
    registrations = list(selectors.my_registrations(request.user))
    positions = selectors.waitlist_positions(registrations)
    for registration in registrations:
        registration.waitlist_position = positions.get(registration.pk)
    return render(request, "events/my_registrations.html", {"registrations": registrations})


@login_required
def registration_detail(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    event = registration.event
    code = (
        checkin_code(registration)
        if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN)
        else ""
    )
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": event,
            "meetup": event.meetup_or_none,
            "position": selectors.waitlist_position(registration),
            "at_event": registration.status in meetings.CAN_MEET,
            "checkin_code": code,
            "preferences": PreferencesForm(
                initial={
                    "listed_publicly": registration.listed_publicly,
                    "interest_components": registration.interest_components,
                }
            ),
            "materials": selectors.materials_of(event)
            if registration.status
            in (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN, RegistrationStatus.NO_SHOW)
            else [],
            "schedule": selectors.schedule_of(registration) if registration.has_meetup_seat else None,
        },
    )


@login_required
def registration_cancel(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    if request.method == "POST":
        try:
            registration_service.do_cancel_registration(registration, by=request.user)
        except EventsError as error:
            flash(request, error)
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for giving the seat back.")
            )
        return redirect("events:registration", pk=registration.pk)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event},
    )


@login_required
@require_POST
def registration_update(request, pk: int):
    """Preferences (listing, interests) and joining or leaving the meetup."""
    registration = get_own_registration_or_404(request.user, pk)
    action = request.POST.get("action", "preferences")
    try:
        if action == "join_meetup":
            meetings.do_join_meetup(registration)
            messages.success(request, _("You have a seat at the meetup."))
        elif action == "leave_meetup":
            meetings.do_leave_meetup(registration)
            messages.success(request, _("You have left the meetup."))
        else:
            form = PreferencesForm(request.POST)
            if not form.is_valid():
                raise RegistrationRefused(_("Please check your choices."))
            registration_service.do_update_preferences(
                registration,
                listed_publicly=form.cleaned_data["listed_publicly"],
                interest_components=form.cleaned_data["interest_components"],
            )
            messages.success(request, _("Your preferences are saved."))
    except EventsError as error:
        flash(request, error)
    return redirect("events:registration", pk=registration.pk)


@login_required
@require_POST
def offer_respond(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    try:
        if request.POST.get("action") == "decline":
            waitlist.do_decline_offer(registration)
            messages.success(request, _("You declined the seat; it goes to the next person."))
        else:
            waitlist.do_accept_offer(registration)
            messages.success(request, _("Your seat is confirmed."))
    except EventsError as error:
        flash(request, error)
    return redirect("events:registration", pk=registration.pk)


@login_required
def registration_ics(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    url = request.build_absolute_uri(reverse("events:registration", kwargs={"pk": registration.pk}))
    accepted = selectors.schedule_of(registration).accepted if registration.has_meetup_seat else []
    body = registration_calendar(registration, url=url, meetings=accepted)
    return calendar_response(body, f"event-{registration.event.number}.ics")


@login_required
def registration_qr(request, pk: int):
    """The door code as a QR image: it holds the organiser's check-in URL with the signed code."""
    registration = get_own_registration_or_404(request.user, pk)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN):
        raise Http404("No check-in code for this registration")
    url = request.build_absolute_uri(reverse("events:checkin", kwargs={"pk": registration.event_id}))
    data = f"{url}?code={checkin_code(registration)}"
    response = HttpResponse(qr_png(data), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attendees(request, pk: int):
    event = selectors.event_for_page(pk, request.user)
    if event is None or not may_see_attendees(request.actor, event):
        raise Http404("No such event")
    return render(request, "events/attendees.html", {"event": event, "attendees": selectors.attendees(event)})


@login_required
def people_to_meet(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    meetup = registration.event.meetup_or_none
    return render(
        request,
        "events/people_to_meet.html",
        {
            "registration": registration,
            "event": registration.event,
            "meetup": meetup,
            "suggestions": suggest_people(registration) if registration.status in meetings.CAN_MEET else [],
            "slots": meetings.free_slots(registration, meetup) if meetup else [],
            "can_request": registration.has_meetup_seat,
        },
    )


@login_required
def schedule(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    return render(
        request,
        "events/schedule.html",
        {
            "registration": registration,
            "event": registration.event,
            "schedule": selectors.schedule_of(registration),
        },
    )


@login_required
@require_POST
def meeting_request(request, pk: int):
    registration = get_own_registration_or_404(request.user, pk)
    form = MeetingRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a person and a slot."))
        return redirect("events:people_to_meet", pk=registration.pk)
    invitee = Registration.objects.filter(
        pk=form.cleaned_data["invitee"], event_id=registration.event_id
    ).first()
    if invitee is None:
        messages.error(request, _("This participant is not at this event."))
        return redirect("events:people_to_meet", pk=registration.pk)
    try:
        meetings.do_request_meeting(
            requester=registration,
            invitee=invitee,
            starts_at=form.cleaned_data["starts_at"],
            message=form.cleaned_data["message"],
        )
    except EventsError as error:
        flash(request, error)
        return redirect("events:people_to_meet", pk=registration.pk)
    messages.success(request, _("Your request is sent."))
    return redirect("events:schedule", pk=registration.pk)


@login_required
@require_POST
def meeting_respond(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.select_related("requester", "invitee").filter(
            Q(requester__user=request.user) | Q(invitee__user=request.user)
        ),
        pk=pk,
    )
    mine = meeting.invitee if meeting.invitee.user_id == request.user.pk else meeting.requester
    action = request.POST.get("action")
    try:
        if action == "accept":
            meetings.do_accept_meeting(meeting, by=request.user)
            messages.success(request, _("The meeting is in both your schedules."))
        elif action == "decline":
            meetings.do_decline_meeting(meeting, by=request.user)
            messages.success(request, _("You declined the meeting."))
        elif action == "cancel":
            meetings.do_cancel_meeting(meeting, by=request.user)
            messages.success(request, _("The meeting is cancelled."))
        else:
            messages.error(request, _("Unknown action."))
    except EventsError as error:
        flash(request, error)
    return redirect("events:schedule", pk=mine.pk)


@login_required
def material_download(request, pk: int):
    material = get_object_or_404(Material.objects.select_related("event"), pk=pk)
    if not may_download_material(request.actor, material):
        raise Http404("No such material")
    return private_file_response(material.file, material.original_name)
