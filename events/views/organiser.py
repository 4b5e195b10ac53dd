"""Organiser pages: create and edit events, the dashboard with its figures, approvals, guests, the lottery,
CSV export, e-mail to participants, materials, and the door (check-in by code or by name)."""

import csv
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from cpsplatform.accounts.mfa import require_recent_authentication, require_second_factor
from cpsplatform.edge.body import accepts_upload
from cpsplatform.edge.ids import parse_id
from cpsplatform.refusals import add_to_form, flash

from .. import selectors
from ..forms import (
    CheckinCodeForm,
    EmailParticipantsForm,
    EventForm,
    GuestForm,
    MaterialForm,
    MeetupForm,
    ProgrammeFormSet,
    QuestionFormSet,
)
from ..models import Material, Meetup, RegistrationStatus
from ..permissions import (
    can_organise,
    get_managed_event_or_404,
    get_managed_registration_or_404,
    managed_events,
    organiser_organisations,
)
from ..services import checkin, lottery, organising, programme
from ..services import registration as registration_service
from ..services.errors import AlreadyCheckedIn, EventsError


def organiser_view(view):
    """Log in first; then the event in the URL must be one the user runs (else 404)."""

    @login_required
    @wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        event = get_managed_event_or_404(request.user, pk)
        return view(request, event, *args, **kwargs)

    return wrapper


def _not_an_organiser(request):
    """People who are not event organisers get an explanation on GET (how to become one) and a 403 otherwise."""
    if request.method != "GET":
        raise PermissionDenied(_("Only members of an event-organiser organisation can run events."))
    return render(request, "events/organise/not_organiser.html")


@login_required
def organiser_index(request):
    if not can_organise(request.actor):
        return _not_an_organiser(request)
    events = managed_events(request.user).select_related("organiser").order_by("-starts_at")
    return render(request, "events/organise/index.html", {"events": events})


@login_required
def event_create(request):
    organisers = organiser_organisations(request.user)
    if not organisers.exists():
        return _not_an_organiser(request)
    active = request.active_organisation
    initial = {"organiser": active.pk} if active and organisers.filter(pk=active.pk).exists() else {}
    form = EventForm(request.POST or None, organisers=organisers, initial=initial)
    meetup_form = MeetupForm(request.POST or None, prefix="meetup")
    if request.method == "POST" and form.is_valid() and meetup_form.is_valid():
        try:
            event = organising.do_create_event(
                form.save(commit=False),
                by=request.user,
                meetup=meetup_form.save(commit=False) if meetup_form.wanted else None,
            )
        except EventsError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The event is created."))
            return redirect("events:dashboard", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "events/organise/event_form.html", {"form": form, "meetup_form": meetup_form}, status=status
    )


@organiser_view
def event_edit(request, event):
    organisers = organiser_organisations(request.user)
    meetup = event.meetup_or_none
    form = EventForm(request.POST or None, instance=event, organisers=organisers)
    meetup_form = MeetupForm(request.POST or None, prefix="meetup", instance=meetup or Meetup(event=event))
    if request.method == "POST" and form.is_valid() and meetup_form.is_valid():
        try:
            organising.do_update_event(
                form.save(commit=False),
                by=request.user,
                fields=[name for name in form.changed_data if not form.fields[name].disabled],
                meetup=meetup_form.save(commit=False) if meetup_form.wanted else None,
                remove_meetup=not meetup_form.wanted,
            )
        except EventsError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:dashboard", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/organise/event_form.html",
        {"form": form, "meetup_form": meetup_form, "event": event},
        status=status,
    )


def _formset_page(request, event, formset_class, template: str, save):
    """Edit the event's rows (programme or questions) as a form set; ``save`` is the service that writes them."""
    formset = formset_class(request.POST or None, instance=event)
    if request.method == "POST" and formset.is_valid():
        changed = formset.save(commit=False)
        try:
            save(event, by=request.user, changed=changed, deleted=formset.deleted_objects)
        except EventsError as error:
            flash(request, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:dashboard", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"event": event, "formset": formset}, status=status)


@organiser_view
def programme_edit(request, event):
    return _formset_page(
        request, event, ProgrammeFormSet, "events/organise/programme.html", programme.do_save_programme
    )


@organiser_view
def questions_edit(request, event):
    return _formset_page(
        request, event, QuestionFormSet, "events/organise/questions.html", programme.do_save_questions
    )


#: Rows of the dashboard's registrations table per page: a session of hundreds stays quick to open; the search box
#: and the status filter find one person, and the CSV export has everyone.
REGISTRATIONS_PER_PAGE = 50


@organiser_view
def dashboard(request, event):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "")
    return render(
        request,
        "events/organise/dashboard.html",
        {
            "event": event,
            "meetup": event.meetup_or_none,
            "figures": selectors.event_figures(event),
            "registrations": Paginator(
                selectors.registrations_for_organiser(event, status=status, query=query),
                REGISTRATIONS_PER_PAGE,
            ).get_page(request.GET.get("page")),
            "status_filter": status,
            "query": query,
            "statuses": RegistrationStatus.choices,
            "materials": selectors.materials_of(event),
            "lottery_may_draw": event.lottery_may_be_drawn(),
            "started": event.has_started(),
            "guest_form": GuestForm(),
        },
    )


def _csv_safe(value) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas; such text is quoted."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


#: The attendee export's columns, in the organiser's language (spreadsheets are read by people, not programs).
EXPORT_COLUMNS = [
    pgettext_lazy("attendee export", "Registration"),
    pgettext_lazy("attendee export", "Status"),
    pgettext_lazy("attendee export", "Name"),
    pgettext_lazy("attendee export", "E-mail"),
    pgettext_lazy("attendee export", "Organisation"),
    pgettext_lazy("attendee export", "Kind of organisation"),
    pgettext_lazy("attendee export", "SME"),
    pgettext_lazy("attendee export", "Meetup seat"),
    pgettext_lazy("attendee export", "Invited guest"),
    pgettext_lazy("attendee export", "Listed among attendees"),
    pgettext_lazy("attendee export", "Registered at"),
    pgettext_lazy("attendee export", "Checked in at"),
]


def _yes_no(value: bool) -> str:
    return pgettext("attendee export", "Yes") if value else pgettext("attendee export", "No")


@organiser_view
@require_second_factor
@require_recent_authentication
def export_csv(request, event):
    questions = list(event.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.number}-attendees.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Japanese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _csv_safe(v)
            for v in [
                *[str(label) for label in EXPORT_COLUMNS],
                *[q.text for q in questions],
            ]
        ]
    )
    for registration in selectors.export_rows(event):
        answers = {a.question_id: a.value for a in registration.answers.all()}
        organisation = registration.organisation
        writer.writerow(
            [
                _csv_safe(v)
                for v in [
                    registration.pk,
                    registration.get_status_display(),
                    registration.person_name,
                    registration.user.email,
                    organisation.display_name if organisation else "",
                    organisation.get_kind_display() if organisation else "",
                    _yes_no(organisation is not None and organisation.is_sme),
                    _yes_no(registration.has_meetup_seat),
                    _yes_no(registration.is_invited_guest),
                    _yes_no(registration.listed_publicly),
                    timezone.localtime(registration.created_at).isoformat(timespec="minutes"),
                    timezone.localtime(registration.checked_in_at).isoformat(timespec="minutes")
                    if registration.checked_in_at
                    else "",
                    *[answers.get(q.pk, "") for q in questions],
                ]
            ]
        )
    return response


@organiser_view
@require_second_factor(methods=("POST",))
def email_participants(request, event):
    form = EmailParticipantsForm(request.POST or None)
    recipients = selectors.confirmed_recipients(event).count()
    if request.method == "POST" and form.is_valid():
        try:
            sent = organising.do_email_participants(
                event, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"], by=request.user
            )
        except EventsError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Your message goes to %(n)d participants.") % {"n": sent})
            return redirect("events:dashboard", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/organise/email.html",
        {"event": event, "form": form, "recipients": recipients},
        status=status,
    )


@accepts_upload(organising.MATERIAL_MAX_BYTES)
@organiser_view
def materials(request, event):
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if request.POST.get("delete"):
            # A made-up id (not a number, or beyond the database's range) is a file that is not there.
            delete_id = parse_id(request.POST["delete"])
            material = Material.objects.filter(pk=delete_id, event=event).first() if delete_id else None
            if material is not None:
                organising.do_delete_material(material, by=request.user)
                messages.success(request, _("The file is removed."))
            else:
                messages.error(request, _("That file is not among this event's materials."))
            return redirect("events:materials", pk=event.pk)
        if form.is_valid():
            try:
                organising.do_upload_material(
                    event, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], by=request.user
                )
            except EventsError as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("The file is shared with participants."))
                return redirect("events:materials", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/organise/materials.html",
        {"event": event, "form": form, "materials": selectors.materials_of(event)},
        status=status,
    )


@organiser_view
@require_POST
def invite_guest(request, event):
    form = GuestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the guest's e-mail address."))
        return redirect("events:dashboard", pk=event.pk)
    guest = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
    if guest is None:
        messages.error(
            request, _("Nobody has an account with that e-mail address; ask the guest to sign up first.")
        )
        return redirect("events:dashboard", pk=event.pk)
    try:
        registration_service.do_invite_guest(
            event, user=guest, by=request.user, wants_meetup=form.cleaned_data["wants_meetup"]
        )
    except EventsError as error:
        flash(request, error)
    else:
        messages.success(request, _("%(guest)s has a reserved seat.") % {"guest": guest})
    return redirect("events:dashboard", pk=event.pk)


@organiser_view
def run_lottery(request, event):
    """ "Draw now": a confirmation page (GET) and the draw itself (POST), by the same service as ``events_tick``.
    A lottery that may not be drawn (too early, or drawn already) is refused with the reason."""
    if request.method == "POST":
        try:
            result = lottery.do_run_lottery(event, by=request.user)
        except EventsError as error:
            flash(request, error)
        else:
            event.refresh_from_db(fields=["lottery_drawn_seed"])
            messages.success(
                request,
                _(
                    "The lottery is drawn with seed %(seed)s: %(won)d seats allocated, %(waiting)d on the "
                    "waitlist."
                )
                % {
                    "seed": event.lottery_drawn_seed,
                    "won": len(result.winners),
                    "waiting": len(result.waitlist),
                },
            )
        return redirect("events:dashboard", pk=event.pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        lottery.check_may_draw(event, now=timezone.now())
    except EventsError as error:
        flash(request, error)
        return redirect("events:dashboard", pk=event.pk)
    return render(
        request,
        "events/organise/lottery_confirm.html",
        {"event": event, "figures": selectors.event_figures(event)},
    )


@organiser_view
@require_POST
def record_no_shows(request, event):
    try:
        count = checkin.do_record_no_shows(event, by=request.user)
    except EventsError as error:
        flash(request, error)
    else:
        messages.success(request, _("%(n)d no-shows recorded.") % {"n": count})
    return redirect("events:dashboard", pk=event.pk)


@login_required
@require_POST
def application_decide(request, pk: int):
    registration = get_managed_registration_or_404(request.user, pk)
    try:
        if request.POST.get("action") == "decline":
            registration_service.do_decline_application(registration, by=request.user)
            messages.success(request, _("The application is declined."))
        else:
            registration = registration_service.do_approve_application(registration, by=request.user)
            messages.success(
                request,
                _("Approved: %(name)s is %(status)s.")
                % {"name": registration.person_name, "status": registration.get_status_display().lower()},
            )
    except EventsError as error:
        flash(request, error)
    return redirect("events:dashboard", pk=registration.event_id)


@organiser_view
def checkin_page(request, event):
    """The door. A scanned QR code opens this page with ``?code=``: it shows who it is and one button. A typed or
    pasted code, or a name search, works the same way."""
    code = (request.POST.get("code") or request.GET.get("code") or "").strip()
    query = request.GET.get("q", "").strip()
    form = CheckinCodeForm(initial={"code": code})
    context = {"event": event, "form": form, "query": query, "figures": selectors.event_figures(event)}
    status = 200
    if request.method == "POST":
        try:
            registration = checkin.do_check_in_by_code(event, code, by=request.user)
        except AlreadyCheckedIn as error:
            messages.warning(request, error.message)
            status = 409
        except EventsError as error:
            flash(request, error)
            status = 400
        else:
            messages.success(
                request, _("Welcome, %(name)s — checked in.") % {"name": registration.person_name}
            )
            return redirect("events:checkin", pk=event.pk)
    elif code:
        try:
            context["scanned"] = checkin.check_checkin_code(event, code)
        except EventsError as error:
            context["code_error"] = error.message
    if query:
        context["candidates"] = selectors.checkin_candidates(event, query)
    return render(request, "events/organise/checkin.html", context, status=status)


@organiser_view
@require_POST
def checkin_registration(request, event, registration_pk: int):
    registration = get_managed_registration_or_404(request.user, registration_pk)
    if registration.event_id != event.pk:
        raise PermissionDenied
    try:
        checkin.do_check_in(registration, by=request.user)
    except AlreadyCheckedIn as error:
        messages.warning(request, error.message)
    except EventsError as error:
        flash(request, error)
    else:
        messages.success(request, _("Welcome, %(name)s — checked in.") % {"name": registration.person_name})
    url = reverse("events:checkin", kwargs={"pk": event.pk})
    query = request.POST.get("q", "").strip()
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
