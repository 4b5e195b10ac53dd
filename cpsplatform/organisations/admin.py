from django.contrib import admin

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
    list_display = ["__str__", "name_en", "kind", "region", "is_sme", "confirmed_by_staff", "created_at"]
    list_filter = ["kind", "confirmed_by_staff", "region", "is_sme"]
    search_fields = ["name_ja", "name_en", "slug", "corporate_number"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [MembershipInline]

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


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "status", "created_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organisation__name_ja", "organisation__name_en"]
    readonly_fields = ["token", "invited_by", "accepted_by", "accepted_at", "created_at"]
