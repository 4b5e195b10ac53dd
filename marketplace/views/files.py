"""Private files, served only after a permission check (never from MEDIA_URL)."""

from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from cpsplatform.privatefiles import private_file_response

from .. import permissions, selectors
from ..models import IntroductionAttachment, NeedAttachment, VerificationRecord
from .common import hidden, not_found


def _may_see_evidence(request, record: VerificationRecord) -> bool:
    if record.evidence_is_public and record.shows_badge and record.listing.is_published:
        return True
    if request.actor.is_staff:
        return True
    org = request.actor.organisation
    return org is not None and org.pk in (record.listing.vendor_id, record.issuer_id)


@never_cache
def evidence_file(request, pk: int):
    record = get_object_or_404(VerificationRecord.objects.select_related("listing"), pk=pk)
    if not record.evidence_file:
        raise not_found()
    if not _may_see_evidence(request, record):
        return hidden(request)
    return private_file_response(
        record.evidence_file, record.evidence_file_name or "evidence", "application/octet-stream"
    )


@never_cache
def need_attachment(request, pk: int):
    attachment = get_object_or_404(NeedAttachment.objects.select_related("need"), pk=pk)
    if not selectors.can_view_need(request.actor, attachment.need):
        return hidden(request)
    return private_file_response(attachment.file, attachment.original_name, attachment.content_type)


@never_cache
def introduction_attachment(request, pk: int):
    attachment = get_object_or_404(IntroductionAttachment.objects.select_related("introduction"), pk=pk)
    if not permissions.can_view_introduction(request.actor, attachment.introduction):
        return hidden(request)
    return private_file_response(attachment.file, attachment.original_name, attachment.content_type)
