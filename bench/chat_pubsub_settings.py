"""``bench/chat.py --layer pubsub``: the platform's settings with channels-redis' pub/sub layer instead of the core
(list-based) one, to compare the two on the same machine in the same run."""

from cpsplatform.settings import *  # noqa: F403
from cpsplatform.settings import REDIS_URL

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}]},
    }
}
