"""Read-mostly admin for platform staff. Seat-changing edits go through the organiser pages (and so the services),
never here: statuses are read-only."""

from django.contrib import admin
from django.db import transaction

from .models import Event, Material, Meeting, Meetup, ProgrammeItem, Question, Registration
from .signals import send_event_changed


class MeetupInline(admin.StackedInline):
    model = Meetup
    extra = 0


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "title_ja",
        "title_en",
        "organiser",
        "starts_at",
        "capacity",
        "allocation",
        "is_published",
    ]
    list_filter = ["allocation", "is_published", "organiser"]
    search_fields = ["title_ja", "title_en", "theme"]
    readonly_fields = ["lottery_drawn_at", "no_shows_recorded_at", "created_by", "created_at", "updated_at"]
    inlines = [MeetupInline, ProgrammeInline, QuestionInline]

    # Staff edits change what search shows, like the organisers' own (the admin holds a transaction here).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        send_event_changed(obj.pk)

    def delete_model(self, request, obj):
        send_event_changed(obj.pk, deleted=True)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for pk in queryset.values_list("pk", flat=True):
                send_event_changed(pk, deleted=True)
            super().delete_queryset(request, queryset)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "event",
        "user",
        "organisation",
        "status",
        "has_meetup_seat",
        "is_invited_guest",
        "queued_at",
    ]
    list_filter = ["status", "has_meetup_seat", "is_invited_guest"]
    search_fields = ["user__email", "user__display_name", "organisation__name_ja", "organisation__name_en"]
    raw_id_fields = ["event", "user", "organisation", "checked_in_by"]
    readonly_fields = [
        "status",
        "status_reason",
        "has_meetup_seat",
        "offer_expires_at",
        "lottery_rank",
        "confirmed_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
        "reminded_at",
    ]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["event", "requester", "invitee", "starts_at", "status"]
    list_filter = ["status"]
    raw_id_fields = ["event", "requester", "invitee"]
    readonly_fields = ["status"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["event", "title", "original_name", "size", "uploaded_at"]
    raw_id_fields = ["event", "uploaded_by"]
