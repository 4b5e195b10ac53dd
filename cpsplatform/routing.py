"""All WebSocket routes of the project."""

from cpsplatform.discussions.routing import websocket_urlpatterns as discussion_routes
from cpsplatform.notifications.routing import websocket_urlpatterns as notification_routes

websocket_urlpatterns = [*discussion_routes, *notification_routes]
