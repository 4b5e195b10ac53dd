from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ChannelKind, MemberRole

#: The kinds a person may open from the page (introduction, event and direct channels are made by the platform).
CREATABLE_KINDS = [
    ChannelKind.PUBLIC,
    ChannelKind.POLICY,
    ChannelKind.VENDORS,
    ChannelKind.USERS,
    ChannelKind.PRIVATE,
]


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who may take part"))
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("What it is for"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, allowed_kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in CREATABLE_KINDS if k in allowed_kinds]


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a platform user"))
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class GroupConversationForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of the people to talk with"),
        help_text=_("Up to 7 people, separated by commas or spaces."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_emails(self) -> list[str]:
        emails = sorted(
            {part.strip().lower() for part in self.cleaned_data["emails"].replace(",", " ").split() if part}
        )
        if not emails:
            raise forms.ValidationError(_("Enter at least one e-mail address."))
        if len(emails) > 7:
            raise forms.ValidationError(_("A conversation has at most 8 people, you included."))
        validator = forms.EmailField()
        for email in emails:
            validator.clean(email)
        return emails
