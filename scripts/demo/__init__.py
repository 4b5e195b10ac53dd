"""Demo data for ``make run`` and the README's tour: one module per app area, each with ``ORDER`` and
``seed(stdout)``. A development package, not part of the product: the web apps never import it.

Seeders must be deterministic and idempotent: running them twice leaves the same data (fixed keys,
``update_or_create``). Run them with ``python -m scripts.demo``.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TextIO

from django.core.management.base import OutputWrapper
from django.db import transaction

AREAS = ("home", "organisations", "marketplace", "events", "discussions", "search")


def seeders():
    """``(order, area, seed)`` for every area, in seeding order."""
    modules = [(area, import_module(f"scripts.demo.{area}")) for area in AREAS]
    return sorted(((module.ORDER, area, module.seed) for area, module in modules), key=lambda s: s[:2])


def seed_all(stdout: TextIO = sys.stdout) -> None:
    """Seed every area, each in its own transaction (a failing area leaves the earlier ones in place)."""
    out = OutputWrapper(stdout)  # ends every line, as the seeders expect of a management command's stdout
    for order, area, seed in seeders():
        out.write(f"Seeding {area} ({order})…")
        with transaction.atomic():
            seed(out)
    out.write("Demo data ready.")
