from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("needs/<int:pk>/recommendations/", views.need_recommendations, name="need_recommendations"),
    path("needs/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("listings/<int:pk>/needs/", views.listing_needs, name="listing_needs"),
]
