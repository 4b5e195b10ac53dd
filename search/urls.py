from django.urls import path

from search import discussions_views, views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("saved/", views.saved_searches, name="saved_searches"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("messages/", discussions_views.messages, name="messages"),
]
