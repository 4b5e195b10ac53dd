"""Marketplace limits. Each can be overridden by a Django setting of the same name (tests use the defaults)."""

from django.conf import settings

DEFAULTS = {
    # Introductions an organisation may send in any 24 hours.
    "MARKETPLACE_INTRODUCTIONS_PER_DAY": 10,
    # Days a declined pair must wait before asking again.
    "MARKETPLACE_INTRODUCTION_COOLING_OFF_DAYS": 30,
    # Days an open need stays open.
    "MARKETPLACE_NEED_LIFETIME_DAYS": 90,
    # Days a confirmed user trial counts as evidence.
    "MARKETPLACE_TRIAL_VALIDITY_DAYS": 3 * 365,
    # Images: bytes, total pixels and longest side accepted; renditions.
    "MARKETPLACE_IMAGE_MAX_BYTES": 5 * 1024 * 1024,
    "MARKETPLACE_IMAGE_MAX_PIXELS": 40_000_000,
    "MARKETPLACE_IMAGE_MAX_SIDE": 12_000,
    "MARKETPLACE_IMAGE_STORED_SIDE": 2400,
    "MARKETPLACE_IMAGE_DETAIL_SIZE": (1200, 900),
    "MARKETPLACE_IMAGE_THUMBNAIL_SIZE": (320, 240),
    "MARKETPLACE_IMAGES_PER_LISTING": 8,
    # Private attachments (evidence, need and introduction files).
    "MARKETPLACE_ATTACHMENT_MAX_BYTES": 10 * 1024 * 1024,
    "MARKETPLACE_ATTACHMENTS_PER_NEED": 5,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
