"""One way to refuse: every app's refusal is a ``cpsplatform.refusals.Refusal`` and lands on a form the same way."""

from django import forms
from django.core.exceptions import ValidationError

from cpsplatform.discussions.errors import ChatError, RateLimited
from cpsplatform.organisations.services import OrganisationRuleError
from cpsplatform.refusals import Refusal, add_to_form
from events.services.errors import EventsError, MeetupFull


class NameForm(forms.Form):
    name = forms.CharField()


def bound_form() -> NameForm:
    form = NameForm({"name": "Acme"})
    assert form.is_valid()
    return form


def test_a_refusal_about_a_field_of_the_form_is_shown_on_that_field():
    form = bound_form()
    add_to_form(form, OrganisationRuleError("That name is taken.", field="name"))
    assert form.errors == {"name": ["That name is taken."]}


def test_a_refusal_about_something_the_form_does_not_show_goes_above_the_form():
    form = bound_form()
    add_to_form(form, EventsError("The lottery has been drawn.", field="lottery_seed"))
    assert form.non_field_errors() == ["The lottery has been drawn."]


def test_a_validation_error_from_a_service_lands_like_a_refusal():
    form = bound_form()
    add_to_form(form, ValidationError({"name": ["Too short."], "price": ["Not a price."]}))
    assert form.errors["name"] == ["Too short."]
    assert form.non_field_errors() == ["Not a price."]


def test_each_apps_refusals_carry_the_cores_message_and_code():
    for refusal in (
        MeetupFull("The meetup is full."),
        RateLimited("Slow down."),
        OrganisationRuleError("No."),
    ):
        assert isinstance(refusal, Refusal)
        assert str(refusal) == refusal.message
    assert MeetupFull("The meetup is full.").code == "meetup_full"
    assert ChatError("Gone.", code="not_found").code == "not_found"
