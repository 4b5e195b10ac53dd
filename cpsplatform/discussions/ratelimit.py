"""Chat frame budgets per person, counted in the shared cache so every server process draws on one budget.

Counted in-process, a person connected to N workers (or reconnecting until the balancer picks another one) got N
times the budget. The default cache is Redis when ``REDIS_URL`` is set (``INCR`` is atomic) and a database table
otherwise. Without Redis the chat runs in a single process anyway (the in-memory channel layer spans no more); the
table's read-then-write increment may miss a count when two frames of one person race, loosening the budget a
little, never tightening it.

Each budget is a fixed one-second window: the key carries the window's number, so a counter never needs resetting
and simply expires. Refused frames count too; a flood stays refused until its second is over.
"""

from __future__ import annotations

import time

from channels.db import database_sync_to_async
from django.core.cache import cache

#: Frames per second and person: any frame, and frames that write (send, edit, delete, react, report, hide).
ANY_PER_SECOND = 40
WRITES_PER_SECOND = 10
WRITE_FRAMES = frozenset({"send", "edit", "delete", "react", "report", "hide"})
#: Kept a little past the window so a slow clock on another worker still finds it.
KEY_TTL = 5


def take(user_id: int, budget: str, limit: int, *, now: float | None = None) -> bool:
    """Count one frame of ``user_id`` against ``budget`` in the current second; False once ``limit`` is spent."""
    window = int(time.time() if now is None else now)
    key = f"chat:rate:{budget}:{user_id}:{window}"
    if cache.add(key, 1, timeout=KEY_TTL):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls: this frame opens the window again
        cache.add(key, 1, timeout=KEY_TTL)
        count = 1
    return count <= limit


def check_frame_allowed(user_id: int, kind: str, *, now: float | None = None) -> bool:
    """Whether a frame of type ``kind`` is within the person's budgets (and count it)."""
    if not take(user_id, "any", ANY_PER_SECOND, now=now):
        return False
    return kind not in WRITE_FRAMES or take(user_id, "write", WRITES_PER_SECOND, now=now)


async def frame_allowed(user_id: int, kind: str) -> bool:
    """``check_frame_allowed`` from the consumer (the cache client is synchronous; the database one may be)."""
    return await database_sync_to_async(check_frame_allowed)(user_id, kind)
