"""``bench/chat.py --layer core``: the platform's settings with channels-redis' core (list-based) layer instead of
the pub/sub one the settings use, to compare the two on the same machine in the same run."""

from cpsplatform.settings import *  # noqa: F403
from cpsplatform.settings import REDIS_URL

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}], "capacity": 1500, "expiry": 30},
    }
}
