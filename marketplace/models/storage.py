"""Where marketplace files go. Private files never live under MEDIA_ROOT: they are served by permission views."""

import uuid
from pathlib import PurePosixPath

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]


def _random_name(folder: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"marketplace/{folder}/{uuid.uuid4().hex}{suffix}"


def evidence_upload_to(instance, filename: str) -> str:
    return _random_name("evidence", filename)


def need_attachment_upload_to(instance, filename: str) -> str:
    return _random_name("need-attachments", filename)


def introduction_attachment_upload_to(instance, filename: str) -> str:
    return _random_name("introduction-attachments", filename)


def listing_image_upload_to(instance, filename: str) -> str:
    return _random_name("listing-images", filename)
