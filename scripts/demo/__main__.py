"""``python -m scripts.demo``: load the demo data into the database the settings point at."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpsplatform.settings")
os.environ.setdefault("PLATFORM_ENV", "development")
django.setup()

from scripts.demo import seed_all  # noqa: E402 (after Django is set up)

seed_all()
