"""Where marketplace files go. Private files never live under MEDIA_ROOT: they are served by permission views."""

import uuid
from pathlib import PurePosixPath

from django.core.files.storage import Storage, storages


class PrivateStorage(Storage):
    """Delegates to ``storages["private"]`` at call time, so a settings change (tests) applies to model fields
    that were built at import time."""

    @property
    def _target(self) -> Storage:
        return storages["private"]

    def _open(self, name, mode="rb"):
        return self._target.open(name, mode)

    def _save(self, name, content):
        return self._target.save(name, content)

    def get_available_name(self, name, max_length=None):
        return self._target.get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self._target.delete(name)

    def exists(self, name):
        return self._target.exists(name)

    def listdir(self, path):
        return self._target.listdir(path)

    def size(self, name):
        return self._target.size(name)

    def path(self, name):
        return self._target.path(name)

    def url(self, name):
        raise NotImplementedError("Private files have no URL; they are served by permission-checking views.")

    def get_modified_time(self, name):
        return self._target.get_modified_time(name)


_PRIVATE = PrivateStorage()


def private_storage() -> Storage:
    return _PRIVATE


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
