"""Run a snippet of Python in a separate process with the project's settings: a second worker, as far as shared
state (cache, database, Redis) is concerned."""

import os
import subprocess
import sys

from django.conf import settings


def run_in_django(script: str, *, env: dict[str, str] | None = None, check: bool = False):
    """``python -c script`` from the repository root with ``DJANGO_SETTINGS_MODULE`` set; ``env`` replaces the
    inherited environment when given. Returns the completed process (text output captured)."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env if env is not None else {**os.environ, "DJANGO_SETTINGS_MODULE": "cpsplatform.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )
