from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("name/", views.choose_name, name="choose_name"),
    path("profile/", views.profile, name="profile"),
    path("second-factor/", views.second_factor, name="second_factor"),
]
