"""Sessions of the platform, their meetups, and who comes.

Seat invariant (never broken, see ``events.services``): the registrations of an event whose status is in
``SEAT_HOLDING`` never number more than ``Event.capacity``, and those holding a meetup seat never more than
``Meetup.capacity``. Every change of a registration's status is made by a service that holds the event's row lock.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cpsplatform.accounts.names import display_name
from cpsplatform.choicedisplay import QuickChoiceDisplay
from cpsplatform.organisations.models import Organisation, OrganisationKind


def new_lottery_seed() -> str:
    """A fresh seed, generated once: when the event is saved for the first time (``do_create_event``), never when
    a form is merely shown, so the seed an organiser sees is the seed that is saved, published and drawn with."""
    return secrets.token_hex(8)


def new_registration_secret() -> str:
    return secrets.token_urlsafe(18)


def private_storage():
    """Materials are never public media: they live in the private storage and are served by a permission view."""
    return storages["private"]


class AllocationMode(models.TextChoices):
    FIRST_COME = "first_come", _("First come, then a waitlist")
    LOTTERY = "lottery", _("Lottery at a published draw time, then first come")
    APPROVAL = "approval", _("Approval by the organiser")


class Event(QuickChoiceDisplay, models.Model):
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="events",
        limit_choices_to={"kind": OrganisationKind.EVENT_ORGANISER},
        verbose_name=_("organiser"),
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("The session's number in the series."))
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    online_url = models.URLField(_("online URL"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    allocation = models.CharField(
        _("allocation"), max_length=16, choices=AllocationMode.choices, default=AllocationMode.FIRST_COME
    )
    lottery_draw_at = models.DateTimeField(_("lottery draw time"), null=True, blank=True)
    lottery_seed = models.CharField(
        _("lottery seed"),
        max_length=64,
        default=new_lottery_seed,
        help_text=_("Published with the event so anyone can reproduce the draw."),
    )
    lottery_drawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: The seed the draw actually used, recorded with its result (equal to ``lottery_seed``, which is frozen once
    #: applications open; kept apart so the result page never depends on that rule holding).
    lottery_drawn_seed = models.CharField(max_length=64, blank=True, editable=False)
    new_member_weight = models.DecimalField(
        _("weight for organisations that never attended"),
        max_digits=4,
        decimal_places=2,
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 means no preference; 2 gives newcomers twice the chance of a seat in the lottery."),
    )
    per_organisation_limit = models.PositiveIntegerField(
        _("seats per organisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. Invited guests are not counted."),
    )
    offer_hours = models.PositiveIntegerField(
        _("hours to confirm a freed seat"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    is_published = models.BooleanField(_("published"), default=False)
    no_shows_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["organiser", "number"], name="event_number_unique_per_organiser"),
            models.CheckConstraint(condition=~models.Q(title_ja="", title_en=""), name="event_has_a_title"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(allocation="lottery") | models.Q(lottery_draw_at__isnull=False),
                name="event_lottery_has_draw_time",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"

    @property
    def title(self) -> str:
        language = get_language() or "ja"
        if language.startswith("en"):
            return self.title_en or self.title_ja
        return self.title_ja or self.title_en

    def registration_is_open(self, now=None) -> bool:
        """Within the window, and public: published by an organiser platform staff approved."""
        now = now or timezone.now()
        return (
            self.is_published
            and self.organiser.confirmed_by_staff
            and self.registration_opens_at <= now < self.registration_closes_at
        )

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    @property
    def meetup_or_none(self) -> "Meetup | None":
        try:
            return self.meetup
        except Meetup.DoesNotExist:
            return None

    @property
    def is_lottery(self) -> bool:
        return self.allocation == AllocationMode.LOTTERY

    @property
    def lottery_pending(self) -> bool:
        return self.is_lottery and self.lottery_drawn_at is None

    def lottery_seed_is_fixed(self, now=None) -> bool:
        """The seed may change only before applications open: once anyone can apply, the published seed is the one
        the draw uses (otherwise an organiser could re-roll the seed after seeing who applied)."""
        return self.lottery_drawn_at is not None or self.registration_opens_at <= (now or timezone.now())

    def lottery_may_be_drawn(self, now=None) -> bool:
        """Whether the (undrawn) lottery may be drawn now: at its published time, or earlier once applications
        have closed (nobody can join the draw any more, so drawing early changes no one's chances)."""
        now = now or timezone.now()
        return self.lottery_pending and (now >= self.lottery_draw_at or now >= self.registration_closes_at)


class Meetup(models.Model):
    """The networking meetup after a session (情報交換会): its own capacity and time; only part of attendees join."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="meetup")
    capacity = models.PositiveIntegerField(_("meetup seats"), validators=[MinValueValidator(1)])
    starts_at = models.DateTimeField(_("meetup starts at"))
    ends_at = models.DateTimeField(_("meetup ends at"))
    venue = models.CharField(_("meetup venue"), max_length=200, blank=True)
    fee_note = models.CharField(
        _("fee note"), max_length=200, blank=True, help_text=_("e.g. ¥3,000 at the door")
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meetup_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"Meetup of {self.event}"


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel discussion")
        GROUP_DISCUSSION = "group_discussion", _("Group discussion")
        BREAK = "break", _("Break")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One per line: name, affiliation."))

    class Meta:
        ordering = ["event", "order", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class Question(models.Model):
    """A question the organiser asks at registration (e.g. "What would you like to discuss?")."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short answer")
        LONG_TEXT = "long_text", _("Long answer")
        CHOICE = "choice", _("One of a list")
        YES_NO = "yes_no", _("Yes / no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SHORT_TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line, for 'one of a list'."))
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["event", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("registration status", "Applied")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "Waitlisted")
    OFFERED = "offered", pgettext_lazy("registration status", "Seat offered")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    DECLINED = "declined", pgettext_lazy("registration status", "Declined")
    CHECKED_IN = "checked_in", pgettext_lazy("registration status", "Checked in")
    NO_SHOW = "no_show", pgettext_lazy("registration status", "No-show")


#: Statuses that occupy one of the event's seats.
SEAT_HOLDING = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CHECKED_IN,
    RegistrationStatus.NO_SHOW,
)
#: Statuses of people who have (had) a seat they accepted: "registered" in the organiser's figures.
REGISTERED = (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN, RegistrationStatus.NO_SHOW)
#: Statuses in which a person still has a live application; registering again is refused.
ACTIVE = (
    RegistrationStatus.APPLIED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CHECKED_IN,
    RegistrationStatus.NO_SHOW,
)


class Registration(QuickChoiceDisplay, models.Model):
    Status = RegistrationStatus

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    #: The organisation the person registered for (their active one at the time), if any.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    #: Why the status is what it is, when that is not obvious: offer_expired, offer_declined, not_approved.
    status_reason = models.CharField(max_length=32, blank=True)
    is_invited_guest = models.BooleanField(_("invited guest"), default=False)
    wants_meetup = models.BooleanField(_("wants to join the meetup"), default=False)
    has_meetup_seat = models.BooleanField(_("has a meetup seat"), default=False)
    listed_publicly = models.BooleanField(
        _("listed among attendees"),
        default=False,
        help_text=_("Show my name and organisation to other participants, and in 'people to meet'."),
    )
    #: CPSF component slugs the participant works on (what they offer or need), for "people to meet".
    interest_components = models.JSONField(default=list, blank=True)
    #: Rotated whenever the registration starts afresh, so an old check-in code or cancel link stops working.
    secret = models.CharField(max_length=32, default=new_registration_secret, editable=False)
    queued_at = models.DateTimeField(_("applied at"), default=timezone.now)
    lottery_rank = models.PositiveIntegerField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_user_and_event"),
            models.CheckConstraint(
                condition=~models.Q(status="offered") | models.Q(offer_expires_at__isnull=False),
                name="registration_offer_has_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(has_meetup_seat=False)
                | models.Q(status__in=["confirmed", "checked_in", "no_show"]),
                name="registration_meetup_seat_needs_event_seat",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.get_status_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def can_cancel(self) -> bool:
        return self.status in (
            RegistrationStatus.APPLIED,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.OFFERED,
        )

    @property
    def meets_people(self) -> bool:
        """Holds a confirmed seat at an event that has not ended: 'people to meet' and 1:1 meetings are for them."""
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN) and (
            timezone.now() < self.event.ends_at
        )

    @property
    def person_name(self) -> str:
        """For organisers and the person themselves (greetings in mails): the public name."""
        return display_name(self.user)

    @property
    def public_name(self) -> str:
        """For other participants: the chosen public name, never any part of the e-mail address."""
        return self.user.display_name.strip() or _("A participant")


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True)

    class Meta:
        ordering = ["question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value[:40]}"


MEETING_MINUTES = 15


class Meeting(models.Model):
    """A 15-minute 1:1 meeting during the meetup, requested by one participant and accepted by the other."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("meeting status", "Requested")
        ACCEPTED = "accepted", pgettext_lazy("meeting status", "Accepted")
        DECLINED = "declined", pgettext_lazy("meeting status", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("event")
    )
    requester = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meetings_requested",
        verbose_name=_("requested by"),
    )
    invitee = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="meetings_received", verbose_name=_("invited")
    )
    starts_at = models.DateTimeField(_("slot"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("1:1 meeting")
        verbose_name_plural = _("1:1 meetings")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")), name="meeting_needs_two_people"
            ),
            models.UniqueConstraint(
                fields=["requester", "invitee", "starts_at"],
                condition=models.Q(status__in=["requested", "accepted"]),
                name="one_open_meeting_request_per_pair_and_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} ↔ {self.invitee_id} at {self.starts_at:%H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=MEETING_MINUTES)


class MeetingBooking(models.Model):
    """One row per person per accepted meeting: the unique constraint is what makes double booking impossible."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bookings")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="meeting_bookings")
    starts_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "starts_at"], name="nobody_double_booked")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} at {self.starts_at:%H:%M}"


def material_upload_to(instance: "Material", filename: str) -> str:
    return f"events/{instance.event_id}/materials/{secrets.token_hex(8)}/{filename}"


class Material(models.Model):
    """Slides and notes shared after the session, for participants only."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to=material_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["event", "uploaded_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title
