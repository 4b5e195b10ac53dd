from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cpsplatform.audit.services import log_action

from . import services
from .models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["email_domain_matches", "joined_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "name_en",
        "kind",
        "region",
        "is_sme",
        "confirmed_by_staff",
        "staff_confirmed_by",
        "staff_confirmed_at",
        "created_at",
    ]
    list_filter = ["confirmed_by_staff", "kind", "region", "is_sme"]
    search_fields = ["name_ja", "name_en", "slug", "corporate_number"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["staff_confirmed_by", "staff_confirmed_at"]
    inlines = [MembershipInline]
    actions = ["approve_selected", "withdraw_approval"]

    @admin.action(description=_("Confirm (approve) the selected organisations"))
    def approve_selected(self, request, queryset):
        self._set_confirmation(request, queryset, True)

    @admin.action(description=_("Withdraw the confirmation of the selected organisations"))
    def withdraw_approval(self, request, queryset):
        self._set_confirmation(request, queryset, False)

    def _set_confirmation(self, request, queryset, confirmed: bool) -> None:
        with transaction.atomic():
            changed = [
                services.do_set_confirmed_by_staff(request.user, organisation, confirmed)
                for organisation in queryset.filter(confirmed_by_staff=not confirmed)
            ]
        message = (
            ngettext("%(n)d organisation confirmed.", "%(n)d organisations confirmed.", len(changed))
            if confirmed
            else ngettext(
                "Confirmation withdrawn from %(n)d organisation.",
                "Confirmation withdrawn from %(n)d organisations.",
                len(changed),
            )
        )
        self.message_user(request, message % {"n": len(changed)}, messages.SUCCESS)

    def delete_model(self, request, obj):
        services.do_delete_organisation(request.user, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for organisation in queryset:
                services.do_delete_organisation(request.user, organisation)

    def save_model(self, request, obj, form, change):
        """Staff edits are audited like members' edits; the admin runs this inside its transaction."""
        super().save_model(request, obj, form, change)
        if change:
            services.record_staff_changes(request.user, obj, list(form.changed_data))
        else:
            log_action(
                "organisations.organisation.created",
                actor=request.user,
                organisation=obj,
                subject=obj,
                data={"by_staff": True, "name_ja": obj.name_ja, "name_en": obj.name_en},
            )
            if obj.confirmed_by_staff:
                services.record_staff_changes(request.user, obj, ["confirmed_by_staff"])


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "status", "created_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organisation__name_ja", "organisation__name_en"]
    readonly_fields = ["token", "invited_by", "accepted_by", "accepted_at", "created_at"]
