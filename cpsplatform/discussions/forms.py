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
