from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Organisation, Role


class OrganisationForm(forms.ModelForm):
    """The profile members edit. ``confirmed_by_staff`` and the slug are not in it."""

    class Meta:
        model = Organisation
        fields = services.PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "website": _("Members whose e-mail address is at this domain are marked as such."),
            "kind": _(
                "Verification bodies, public agencies and event organisers act (confirm verifications, publish "
                "events) only once platform staff approve them. Changing the kind withdraws a staff "
                "confirmation."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        name_ja = (cleaned.get("name_ja") or "").strip()
        name_en = (cleaned.get("name_en") or "").strip()
        if not name_ja and not name_en and "name_ja" not in self.errors and "name_en" not in self.errors:
            raise forms.ValidationError(_("Give the organisation a name in Japanese or English."))
        exclude = self.instance if self.instance.pk else None
        for field, message in services.check_organisation_names_free(
            name_ja, name_en, exclude=exclude
        ).items():
            self.add_error(field, message)
        return cleaned

    def clean_name_ja(self):
        return self.cleaned_data["name_ja"].strip()

    def clean_name_en(self):
        return self.cleaned_data["name_en"].strip()

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.PROFILE_FIELDS}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, inviter_role: str = Role.MEMBER, **kwargs):
        super().__init__(*args, **kwargs)
        if inviter_role != Role.OWNER:
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.OWNER]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
