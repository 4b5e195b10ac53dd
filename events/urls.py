from django.urls import path

from .views import organiser, participant, public

app_name = "events"
urlpatterns = [
    # Public
    path("", public.index, name="index"),
    path("feed.ics", public.feed, name="feed"),
    path("<int:pk>/", public.detail, name="detail"),
    path("cancel/<str:token>/", public.cancel_by_token, name="cancel_by_token"),
    # Participants
    path("<int:pk>/register/", participant.register, name="register"),
    path("<int:pk>/attendees/", participant.attendees, name="attendees"),
    path("mine/", participant.my_registrations, name="my_registrations"),
    path("registrations/<int:pk>/", participant.registration_detail, name="registration"),
    path("registrations/<int:pk>/cancel/", participant.registration_cancel, name="registration_cancel"),
    path("registrations/<int:pk>/update/", participant.registration_update, name="registration_update"),
    path("registrations/<int:pk>/offer/", participant.offer_respond, name="offer_respond"),
    path("registrations/<int:pk>/event.ics", participant.registration_ics, name="registration_ics"),
    path("registrations/<int:pk>/qr.png", participant.registration_qr, name="registration_qr"),
    path("registrations/<int:pk>/people/", participant.people_to_meet, name="people_to_meet"),
    path("registrations/<int:pk>/meetings/", participant.schedule, name="schedule"),
    path("registrations/<int:pk>/meetings/request/", participant.meeting_request, name="meeting_request"),
    path("meetings/<int:pk>/respond/", participant.meeting_respond, name="meeting_respond"),
    path("materials/<int:pk>/", participant.material_download, name="material_download"),
    # Organisers
    path("organise/", organiser.organiser_index, name="organiser_index"),
    path("organise/new/", organiser.event_create, name="event_create"),
    path("organise/<int:pk>/", organiser.dashboard, name="dashboard"),
    path("organise/<int:pk>/edit/", organiser.event_edit, name="event_edit"),
    path("organise/<int:pk>/programme/", organiser.programme_edit, name="programme_edit"),
    path("organise/<int:pk>/questions/", organiser.questions_edit, name="questions_edit"),
    path("organise/<int:pk>/registrations.csv", organiser.export_csv, name="export_csv"),
    path("organise/<int:pk>/email/", organiser.email_participants, name="email_participants"),
    path("organise/<int:pk>/materials/", organiser.materials, name="materials"),
    path("organise/<int:pk>/guests/", organiser.invite_guest, name="invite_guest"),
    path("organise/<int:pk>/lottery/", organiser.run_lottery, name="run_lottery"),
    path("organise/<int:pk>/no-shows/", organiser.record_no_shows, name="record_no_shows"),
    path("organise/<int:pk>/checkin/", organiser.checkin_page, name="checkin"),
    path(
        "organise/<int:pk>/checkin/<int:registration_pk>/",
        organiser.checkin_registration,
        name="checkin_registration",
    ),
    path("organise/applications/<int:pk>/", organiser.application_decide, name="application_decide"),
]
