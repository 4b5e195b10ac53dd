"""Accounts in the staff admin: Wagtail's own Users screens, plus the platform's two roles (platform staff and
public-agency policy staff), which are saved through ``services.do_set_staff_roles`` so each change is audited.

Wagtail finds this through ``apps.StaffUsersAppConfig`` (listed in ``INSTALLED_APPS`` instead of ``wagtail.users``),
the documented way to give its user screens custom forms.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from . import services


class StaffRolesMixin(forms.Form):
    """The roles as plain fields (not model fields), so the form never writes them itself."""

    is_staff = forms.BooleanField(
        label=_("Platform staff"),
        required=False,
        help_text=_("May use this admin (/cms/) with the permissions of their groups."),
    )
    is_policy_staff = forms.BooleanField(
        label=_("Public agency policy staff"),
        required=False,
        help_text=_("May post in policy channels."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["is_staff"].initial = self.instance.is_staff
            self.fields["is_policy_staff"].initial = self.instance.is_policy_staff


class StaffUserCreationForm(StaffRolesMixin, UserCreationForm):
    pass


class StaffUserEditForm(StaffRolesMixin, UserEditForm):
    def __init__(self, *args, **kwargs):
        editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        if editing_self:
            # Like Wagtail's own "administrator" and "active" boxes: nobody demotes themselves by mistake.
            del self.fields["is_staff"]


def _save_roles(view, user):
    """Run inside Wagtail's transaction, after it saved the standard fields (a refusal undoes the whole save)."""
    data = view.form.cleaned_data
    return services.do_set_staff_roles(
        view.request.user,
        user,
        is_staff=data.get("is_staff", user.is_staff),
        is_policy_staff=data.get("is_policy_staff", user.is_policy_staff),
    )


class CreateView(users.CreateView):
    def save_instance(self):
        return _save_roles(self, super().save_instance())


class EditView(users.EditView):
    def save_instance(self):
        return _save_roles(self, super().save_instance())


class StaffUserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
