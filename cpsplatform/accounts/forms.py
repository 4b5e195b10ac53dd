"""Forms for a person's own account: the public name at sign-up, when asked once, and on the profile page."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .names import NAME_MAX_LENGTH, clean_display_name
from .services import do_set_display_name


def display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Public name"),
        # Longer than the limit on purpose: a pasted name that is too long gets the explanatory error, not a
        # silently cut field.
        max_length=NAME_MAX_LENGTH * 4,
        strip=False,
        help_text=_(
            "Shown to other people in chat, attendee and member lists and listing history, and used to greet you "
            "in e-mails. Your real name or the name colleagues know you by, up to 50 characters."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": str(NAME_MAX_LENGTH * 4)}),
        error_messages={"required": _("Enter the name other people will see.")},
    )


class SignupForm(forms.Form):
    """allauth's ``ACCOUNT_SIGNUP_FORM_CLASS``: its fields join the e-mail and password fields, and ``signup`` runs
    once allauth has saved the new user."""

    display_name = display_name_field()
    #: allauth orders its sign-up form by this: the name first, then the credentials.
    field_order = ["display_name", "email", "password1", "password2"]

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data.get("display_name"))

    def signup(self, request, user) -> None:
        do_set_display_name(user, self.cleaned_data["display_name"])


class DisplayNameForm(forms.Form):
    """The public name alone: the "choose your public name" step and the profile page."""

    display_name = display_name_field()

    def __init__(self, *args, user, **kwargs) -> None:
        self.user = user
        kwargs.setdefault("initial", {"display_name": user.display_name})
        super().__init__(*args, **kwargs)

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data.get("display_name"))

    def save(self):
        try:
            return do_set_display_name(self.user, self.cleaned_data["display_name"])
        except ValidationError as error:  # the service re-checks; a race cannot store a bad name
            self.add_error("display_name", error)
            return None
