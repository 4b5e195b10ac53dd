from django.urls import path

from . import views

app_name = "discussions"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("c/<slug:slug>/", views.index, name="channel"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/reports/", views.reports, name="reports"),
    path("direct/<int:user_id>/", views.direct, name="direct"),
    path("direct/new/", views.direct_group, name="direct_group"),
]
