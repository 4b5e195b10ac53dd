import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from marketplace.choices import ListingStatus, NeedStatus
from marketplace.models import SolutionListing
from marketplace.services import listings as listing_services
from marketplace.services import needs as need_services
from marketplace.signals import listing_changed, need_changed
from tests.factories import client_for

from .factories import make_listing, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing_signals():
    received = []

    def receiver(sender, listing_id, deleted, **kwargs):
        # Sent inside the transaction of the change (receivers write outbox rows that commit with it).
        received.append((listing_id, deleted, transaction.get_connection().in_atomic_block))

    listing_changed.connect(receiver)
    yield received
    listing_changed.disconnect(receiver)


def test_listing_lifecycle_with_moderation_revisions_audit_and_signals(
    vendor, vendor_user, staff_user, listing_signals
):
    listing = make_listing(vendor, status=ListingStatus.DRAFT)
    listing_signals.clear()  # the factory announces the new listing, as the services do; count the lifecycle's
    client = client_for(vendor_user)
    assert client.post(reverse("marketplace:listing_submit", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    # Not public until staff publish.
    assert client_for(staff_user).get(reverse("marketplace:moderation_queue")).status_code == 200
    anonymous = client_for.__globals__["Client"]()
    assert anonymous.get(reverse("marketplace:listing_detail", args=[listing.pk])).status_code == 404
    response = client_for(staff_user).post(
        reverse("marketplace:moderation_listing", args=[listing.pk]), {"action": "publish"}
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED
    assert anonymous.get(reverse("marketplace:listing_detail", args=[listing.pk])).status_code == 200
    assert client.post(reverse("marketplace:listing_archive", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.ARCHIVED
    assert anonymous.get(reverse("marketplace:listing_detail", args=[listing.pk])).status_code == 404
    actions = list(listing.revisions.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "marketplace.listing.submitted",
        "marketplace.listing.published",
        "marketplace.listing.archived",
    ]
    assert AuditLogEntry.objects.filter(action="marketplace.listing.published", actor=staff_user).exists()
    assert [(pk, deleted) for pk, deleted, _ in listing_signals] == [(listing.pk, False)] * 3
    assert all(in_atomic for _, _, in_atomic in listing_signals)


def test_staff_sends_back_with_a_reason(vendor, staff_user):
    listing = make_listing(vendor, status=ListingStatus.SUBMITTED)
    response = client_for(staff_user).post(
        reverse("marketplace:moderation_listing", args=[listing.pk]), {"action": "reject", "reason": ""}
    )
    assert response.status_code == 400
    listing_services.do_reject_listing(listing, actor=staff_user, reason="カテゴリを見直してください")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT and "カテゴリ" in listing.moderation_note


def test_incomplete_draft_cannot_be_submitted(vendor, vendor_user):
    listing = make_listing(vendor, status=ListingStatus.DRAFT, categories=[], regions=[])
    with pytest.raises(ValidationError) as error:
        listing_services.do_submit_listing(listing, actor=vendor_user, organisation=vendor)
    assert error.value.code == "incomplete"


def test_only_staff_publish(vendor, vendor_user):
    listing = make_listing(vendor, status=ListingStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        listing_services.do_publish_listing(listing, actor=vendor_user)


def test_edit_by_vendor_keeps_a_revision_and_sends_signal(vendor, vendor_user, listing_signals):
    listing = make_listing(vendor)
    listing_signals.clear()
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_edit", args=[listing.pk]),
        {
            "name_ja": "新しい名前",
            "summary_ja": "概要",
            "categories": ["siem-soc", "iot-ot-security"],
            "regions": ["nationwide"],
        },
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.name_ja == "新しい名前"
    assert sorted(listing.categories.values_list("slug", flat=True)) == ["iot-ot-security", "siem-soc"]
    assert listing.revisions.get().snapshot["categories"] == ["iot-ot-security", "siem-soc"]
    assert listing_signals == [(listing.pk, False, True)]


def test_delete_sends_deleted_signal(vendor, staff_user, listing_signals):
    listing = make_listing(vendor)
    listing_signals.clear()
    listing_id = listing.pk
    listing_services.do_delete_listing(listing, actor=staff_user)
    assert not SolutionListing.objects.filter(pk=listing_id).exists()
    assert listing_signals == [(listing_id, True, True)]


def test_browse_filters_by_category_component_region_and_level(vendor):
    edr = make_listing(
        vendor, categories=["endpoint-protection"], cpsf_components=["things"], regions=["kanto"]
    )
    ot = make_listing(
        vendor,
        categories=["iot-ot-security"],
        cpsf_components=["system"],
        regions=["nationwide"],
        verification_level=3,
    )
    make_listing(vendor, status=ListingStatus.DRAFT, categories=["iot-ot-security"])
    client = client_for.__globals__["Client"]()

    def found(**params):
        return {listing.pk for listing in client.get(reverse("marketplace:index"), params).context["page"]}

    assert found(category="iot-ot-security") == {ot.pk}
    assert found(component="things") == {edr.pk}
    assert found(region="kyushu-okinawa") == {ot.pk}  # nationwide serves every region
    assert found(region="kanto") == {edr.pk, ot.pk}
    assert found(level="3") == {ot.pk}


def test_need_lifecycle_and_expiry(user_org, user_member):
    need_signals = []

    def receiver(sender, need_id, deleted, **kwargs):
        need_signals.append(need_id)

    need_changed.connect(receiver)
    try:
        need = make_need(user_org)
        need_services.do_change_need_status(
            need, actor=user_member, organisation=user_org, status=NeedStatus.FULFILLED
        )
        with pytest.raises(ValidationError):
            need_services.do_change_need_status(
                need, actor=user_member, organisation=user_org, status=NeedStatus.OPEN
            )
        from django.utils import timezone

        stale = make_need(user_org, expires_at=timezone.now())
        assert need_services.do_expire_needs() == 1
        stale.refresh_from_db()
        assert stale.status == NeedStatus.CLOSED
    finally:
        need_changed.disconnect(receiver)
    # Each creation (the factory sends as the services do) and each change is announced once.
    assert need_signals == [need.pk, need.pk, stale.pk, stale.pk]
    assert AuditLogEntry.objects.filter(action="marketplace.need.closed", object_id=str(stale.pk)).exists()


def test_user_posts_a_need_and_uploads_a_private_attachment(user_org, user_member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(user_member)
    response = client.post(
        reverse("marketplace:need_create"),
        {
            "need_type": "incident_help",
            "title": "ランサムウェアに感染したかもしれない",
            "description": "PC の画面に脅迫文が出ています。",
            "language": "ja",
            "min_verification_level": "0",
            "urgency": "incident_now",
            "visibility": "public",
            "hide_company_name": "on",
            "region": "kanto",
        },
    )
    assert response.status_code == 302
    need = user_org.needs.get()
    response = client.post(
        reverse("marketplace:need_attachments", args=[need.pk]),
        {"file": SimpleUploadedFile("screen.txt", "脅迫文の写し".encode(), content_type="text/plain")},
    )
    assert response.status_code == 302
    attachment = need.attachments.get()
    assert attachment.content_type == "text/plain"
    download = client.get(reverse("marketplace:need_attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
