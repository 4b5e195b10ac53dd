from django import forms
from django.forms import inlineformset_factory
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from cpsplatform.taxonomy import CpsfComponent

from .models import AllocationMode, Event, Meetup, ProgrammeItem, Question
from .services import organising, programme

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = organising.EVENT_FIELDS
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "lottery_draw_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["organiser"].empty_label = None
        if self.instance.pk and self.instance.lottery_drawn_at:
            for name in (
                "allocation",
                "lottery_draw_at",
                "lottery_seed",
                "new_member_weight",
                "per_organisation_limit",
            ):
                self.fields[name].disabled = True
        if self.instance.pk:
            self.fields["organiser"].disabled = True
        self._set_up_seed()

    def _set_up_seed(self) -> None:
        """The seed is fixed once (see ``Event.lottery_seed_is_fixed``). A new event's form shows no seed (an
        organiser may type one; otherwise one is generated when the event is saved), so what a form shows is
        always what gets saved; once applications open, the field is read-only."""
        seed = self.fields["lottery_seed"]
        seed.show_hidden_initial = False
        if not self.instance.pk:
            seed.required = False
            self.initial["lottery_seed"] = ""
            seed.help_text = _(
                "Leave empty to have a seed generated when the event is saved. The seed is published with the "
                "event and fixed once applications open, so anyone can reproduce the draw."
            )
        elif self.instance.lottery_seed_is_fixed():
            seed.disabled = True
            seed.help_text = _("Fixed: applications have opened, so the published seed can no longer change.")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if not data.get("title_ja") and not data.get("title_en"):
            self.add_error("title_ja", _("Give the event a title in Japanese or English."))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        if closes and ends and closes > ends:
            self.add_error("registration_closes_at", _("Registration must close before the event ends."))
        if data.get("allocation") == AllocationMode.LOTTERY:
            draw_at = data.get("lottery_draw_at")
            if not draw_at:
                self.add_error("lottery_draw_at", _("A lottery needs a published draw time."))
            elif starts and draw_at >= starts:
                self.add_error("lottery_draw_at", _("The draw must take place before the event starts."))
        return data


class MeetupForm(forms.ModelForm):
    #: Its fields are only required when "has a meetup" is ticked, which the browser cannot know.
    use_required_attribute = False
    has_meetup = forms.BooleanField(label=_("This event has a networking meetup"), required=False)

    class Meta:
        model = Meetup
        fields = organising.MEETUP_FIELDS
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["has_meetup"].initial = bool(self.instance.pk)
        if self.is_bound and not self._wants_meetup():
            for name in self.Meta.fields:
                self.fields[name].required = False

    def _wants_meetup(self) -> bool:
        return self.data.get(self.add_prefix("has_meetup")) in ("on", "true", "1", "True")

    @property
    def wanted(self) -> bool:
        return self.is_bound and self._wants_meetup()

    def clean(self):
        data = super().clean()
        if not self.wanted:
            return data
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meetup must end after it starts."))
        return data

    def _post_clean(self):
        if self.wanted:
            super()._post_clean()


ProgrammeFormSet = inlineformset_factory(
    Event,
    ProgrammeItem,
    fields=programme.PROGRAMME_FIELDS,
    widgets={
        "speakers": forms.Textarea(attrs={"rows": 2}),
        "starts_at": forms.TimeInput(attrs={"type": "time"}),
    },
    extra=3,
    can_delete=True,
)

QuestionFormSet = inlineformset_factory(
    Event,
    Question,
    fields=programme.QUESTION_FIELDS,
    widgets={"choices": forms.Textarea(attrs={"rows": 2})},
    extra=2,
    can_delete=True,
)


def component_choices():
    return CpsfComponent.choices


class RegistrationForm(forms.Form):
    """Built per event: the meetup choice (if there is one) and the organiser's questions."""

    wants_meetup = forms.BooleanField(label=_("I will join the networking meetup"), required=False)
    listed_publicly = forms.BooleanField(
        label=_("List me among attendees and in 'people to meet'"),
        required=False,
        help_text=_("Off by default: only then do other participants see your name and organisation."),
    )
    interest_components = forms.MultipleChoiceField(
        label=_("CPSF components you work on (to suggest people to meet)"),
        choices=component_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        meetup = event.meetup_or_none
        if meetup is None:
            del self.fields["wants_meetup"]
        elif meetup.fee_note:
            # Django's form templates print help text unescaped (it is meant for the developer's own markup),
            # and the fee note is the organiser's plain text: escape it here, where it becomes help text.
            self.fields["wants_meetup"].help_text = conditional_escape(meetup.fee_note)
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[self.question_field(question)] = self._field_for(question)

    @staticmethod
    def question_field(question: Question) -> str:
        return f"question_{question.pk}"

    @staticmethod
    def _field_for(question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        if question.kind == Question.Kind.LONG_TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(choices=[("", "—"), *[(c, c) for c in question.choice_list]], **common)
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], **common)
        return forms.CharField(max_length=500, **common)

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(self.question_field(q)) or "" for q in self.questions}


class PreferencesForm(forms.Form):
    listed_publicly = RegistrationForm.base_fields["listed_publicly"]
    interest_components = RegistrationForm.base_fields["interest_components"]


class MeetingRequestForm(forms.Form):
    invitee = forms.IntegerField(widget=forms.HiddenInput)
    starts_at = forms.DateTimeField(widget=forms.HiddenInput)
    message = forms.CharField(label=_("Message"), max_length=300, required=False)


class EmailParticipantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class GuestForm(forms.Form):
    email = forms.EmailField(label=_("Guest's e-mail (they must have an account)"))
    wants_meetup = forms.BooleanField(label=_("Also reserve a meetup seat"), required=False)


class CheckinCodeForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=200)
