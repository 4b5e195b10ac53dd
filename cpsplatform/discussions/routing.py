"""WebSocket routes of the discussions app."""

websocket_urlpatterns: list = []
