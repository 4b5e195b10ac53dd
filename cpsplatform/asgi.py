"""One ASGI application for HTTP and WebSocket, served by daphne (``daphne cpsplatform.asgi:application``)."""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpsplatform.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from cpsplatform.edge.body import BodySizeLimit  # noqa: E402
from cpsplatform.routing import websocket_urlpatterns  # noqa: E402
from cpsplatform.websocket_origin import SameOriginValidator  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Oversized bodies are refused (413) here, before Django's handler reads them (cpsplatform.edge.body).
        "http": BodySizeLimit(django_asgi_app),
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# Everything the server needs is imported now. Move those objects out of the garbage collector's sight: a full
# collection over them takes ~100 ms on a small machine and would stall every connection of this process (chat
# latency tails, bench/chat.py).
gc.freeze()
