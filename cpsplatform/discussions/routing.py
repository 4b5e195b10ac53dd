"""WebSocket routes of the discussions app."""

from django.urls import path

from .consumers import ChatConsumer

websocket_urlpatterns = [path("ws/discussions/", ChatConsumer.as_asgi())]
