"""Serving a private upload (evidence reports, attachments, event materials) to someone who may see it.

Private files live in a storage with no public URL; a view checks permission first and then answers with
``private_file_response``. The answer is always a download that browsers must not sniff, render or cache.
"""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_file_response(field: FieldFile, filename: str, content_type: str | None = None) -> FileResponse:
    """A download of ``field`` named ``filename``; ``Http404`` when the field is empty or the file is gone.

    The caller has already decided the requester may have it. ``content_type`` is the one recorded at upload
    (checked by content); without it Django guesses from ``filename``.
    """
    if not field:
        raise Http404("No file")
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
