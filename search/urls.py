from django.urls import path

from . import discussions_views

app_name = "search"
urlpatterns: list = [
    path("messages/", discussions_views.messages, name="messages"),
]
