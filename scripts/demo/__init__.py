"""Demo data registry: each app contributes a ``demo`` module with ``ORDER`` and ``seed(stdout)``.

``seed_demo`` discovers them, so the core never imports the apps that build on it. Seeders must be deterministic
and idempotent: running them twice leaves the same data (use fixed keys and ``update_or_create``).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def discover_seeders():
    seeders = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith(("django.", "wagtail", "allauth", "channels", "daphne")):
            continue
        if find_spec(name) is None:
            continue
        module = import_module(name)
        seeders.append((getattr(module, "ORDER", 100), config.label, module.seed))
    return sorted(seeders, key=lambda item: (item[0], item[1]))
