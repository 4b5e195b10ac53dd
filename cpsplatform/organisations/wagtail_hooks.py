"""Organisations in the Wagtail admin, for platform staff: where they confirm an organisation is who it says."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cpsplatform.audit.services import log_action
from cpsplatform.staff_admin import Screen, StaffMenu, read_only_viewset, staff_only, yes_no_column

from . import services
from .models import Invitation, Organisation

staff_only(Organisation)


class OrganisationCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        log_action(
            "organisations.organisation.created",
            actor=self.request.user,
            organisation=instance,
            subject=instance,
            data={"by_staff": True, "name_ja": instance.name_ja, "name_en": instance.name_en},
        )
        if instance.confirmed_by_staff:
            services.record_staff_changes(self.request.user, instance, ["confirmed_by_staff"])
        return instance


class OrganisationEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        services.record_staff_changes(self.request.user, instance, list(self.form.changed_data))
        return instance


class OrganisationDeleteView(generic.DeleteView):
    def delete_action(self):
        services.do_delete_organisation(self.request.user, self.object)


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    form_fields = ["confirmed_by_staff", "slug", *services.PROFILE_FIELDS]
    list_display = [
        "__str__",
        "name_en",
        "kind",
        "region",
        yes_no_column(Organisation, "confirmed_by_staff"),
        "staff_confirmed_by",
        "staff_confirmed_at",
        "created_at",
    ]
    list_filter = ["confirmed_by_staff", "kind", "region", "is_sme"]
    search_fields = ["name_ja", "name_en", "slug", "corporate_number"]
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    delete_view_class = OrganisationDeleteView


#: Invitations are sent, revoked and accepted by members through the services; staff only look.
INVITATIONS = read_only_viewset(
    Screen("organisation_invitations", Invitation, "mail", _("Invitations")),
    url_prefix="invitations",
    list_display=["email", "organisation", "role", "status", "created_at", "expires_at"],
    list_filter=["status", "role"],
    search_fields=["email"],
    default_ordering="-created_at",
)


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return StaffMenu(
        _("Organisations"),
        "group",
        300,
        OrganisationViewSet("organisation_admin", url_prefix="organisations"),
        INVITATIONS,
    )
