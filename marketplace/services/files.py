"""Checks for uploaded private files (evidence reports, need and introduction attachments): type by content."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .. import conf
from .common import invalid


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    original_name: str
    size: int


_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]
_OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _sniff(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        for prefix, content_type in _OFFICE.items():
            if "[Content_Types].xml" in names and any(name.startswith(prefix) for name in names):
                return content_type
        return None
    data = upload.read()
    upload.seek(0)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return "text/plain"


def check_private_file(upload: UploadedFile, *, field: str = "file") -> CheckedFile:
    """Refuse files over the size limit and files whose *content* is not PDF, PNG, JPEG, Office or text."""
    limit = conf.get("MARKETPLACE_ATTACHMENT_MAX_BYTES")
    if upload.size is None or upload.size > limit:
        raise invalid(
            _("The file is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)},
            "too_large",
            field,
        )
    if upload.size == 0:
        raise invalid(_("The file is empty."), "empty", field)
    content_type = _sniff(upload)
    if content_type is None:
        raise invalid(
            _("This file type is not accepted: upload a PDF, PNG, JPEG, Word/Excel/PowerPoint or text file."),
            "bad_type",
            field,
        )
    name = (upload.name or "file").replace("/", "_").replace("\\", "_")[-150:]
    return CheckedFile(content_type=content_type, original_name=name, size=upload.size)


def save_private_upload(attachment, upload: UploadedFile, *, uploaded_by) -> CheckedFile:
    """Check ``upload`` (``check_private_file``), then store it as the unsaved ``attachment`` (a need or
    introduction attachment) with its original name, type by content, size and uploader. Caller logs the action."""
    checked = check_private_file(upload)
    attachment.original_name = checked.original_name
    attachment.content_type = checked.content_type
    attachment.size = checked.size
    attachment.uploaded_by = uploaded_by
    attachment.file.save(checked.original_name, upload, save=False)
    attachment.save()
    return checked
