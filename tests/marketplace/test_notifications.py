"""What the marketplace tells people: one test per notification kind, who receives it and where it leads, plus
the periodic reminders sent once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpsplatform.discussions.models import Channel
from cpsplatform.notifications.models import Notification
from marketplace import notifications as kinds
from marketplace.choices import ListingStatus, RecordStatus
from marketplace.services import introductions as introduction_services
from marketplace.services import listings as listing_services
from marketplace.services import verification as verification_services
from tests.factories import client_for

from .factories import make_listing, make_member, make_need, make_record

pytestmark = pytest.mark.django_db


def received(kind: str) -> list:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def propose(listing, need, user):
    return introduction_services.do_propose(
        listing=listing, need=need, actor=user, organisation=listing.vendor, reason="EDR で解決できます"
    )


def test_proposal_notifies_the_need_owners_members_not_the_vendor(vendor, vendor_user, user_org, user_member):
    colleague = make_member(user_org)
    vendor_colleague = make_member(vendor)
    introduction = propose(make_listing(vendor), make_need(user_org), vendor_user)
    assert received(kinds.INTRODUCTION_REQUESTED) == sorted([user_member.pk, colleague.pk])
    notification = Notification.objects.get(recipient=user_member)
    assert notification.url == reverse("marketplace:introduction_detail", args=[introduction.pk])
    assert notification.summary == "EDR で解決できます"
    assert vendor_colleague.pk not in received(kinds.INTRODUCTION_REQUESTED)


def test_inquiry_notifies_the_vendors_members(vendor, vendor_user, user_org, user_member):
    introduction_services.do_inquire(
        listing=make_listing(vendor), actor=user_member, organisation=user_org, reason="詳細を教えてください"
    )
    assert received(kinds.INTRODUCTION_REQUESTED) == [vendor_user.pk]


def test_acceptance_notifies_the_vendor_with_a_link_into_the_pairs_channel(
    vendor, vendor_user, user_org, user_member, django_capture_on_commit_callbacks
):
    introduction = propose(make_listing(vendor), make_need(user_org), vendor_user)
    with django_capture_on_commit_callbacks(execute=True):
        introduction_services.do_accept_introduction(introduction, actor=user_member, organisation=user_org)
    channel = Channel.objects.get(key=f"introduction:{introduction.pk}")
    [notification] = Notification.objects.filter(kind=kinds.INTRODUCTION_ACCEPTED)
    assert notification.recipient == vendor_user
    assert notification.url == reverse("discussions:channel", kwargs={"slug": channel.slug})
    assert any(vendor_user.email in m.to for m in mail.outbox)  # e-mailed at once by default
    # The introduction page of both sides leads into the same channel, which both may open.
    for user in (vendor_user, user_member):
        page = client_for(user).get(reverse("marketplace:introduction_detail", args=[introduction.pk]))
        assert reverse("discussions:channel", kwargs={"slug": channel.slug}) in page.content.decode()
        assert client_for(user).get(notification.url).status_code == 200


def test_decline_notifies_the_requesting_side_with_the_reason(vendor, vendor_user, user_org, user_member):
    introduction = propose(make_listing(vendor), make_need(user_org), vendor_user)
    introduction_services.do_decline_introduction(
        introduction, actor=user_member, organisation=user_org, reason="予算が合いません"
    )
    [notification] = Notification.objects.filter(kind=kinds.INTRODUCTION_DECLINED)
    assert notification.recipient == vendor_user
    assert notification.summary == "予算が合いません"


def test_a_pending_introduction_page_has_no_channel_link(vendor, vendor_user, user_org, user_member):
    introduction = propose(make_listing(vendor), make_need(user_org), vendor_user)
    page = client_for(user_member).get(reverse("marketplace:introduction_detail", args=[introduction.pk]))
    assert 'data-testid="introduction-channel"' not in page.content.decode()


def test_submitted_listing_notifies_staff_moderators(vendor, vendor_user, staff_user):
    listing = make_listing(vendor, status=ListingStatus.DRAFT)
    listing_services.do_submit_listing(listing, actor=vendor_user, organisation=vendor)
    assert received(kinds.LISTING_SUBMITTED) == [staff_user.pk]
    notification = Notification.objects.get(kind=kinds.LISTING_SUBMITTED)
    assert notification.url == reverse("marketplace:moderation_listing", args=[listing.pk])


def test_published_and_sent_back_listings_notify_the_vendors_members(vendor, vendor_user, staff_user):
    listing = make_listing(vendor, status=ListingStatus.SUBMITTED)
    listing_services.do_reject_listing(listing, actor=staff_user, reason="カテゴリを見直してください")
    [sent_back] = Notification.objects.filter(kind=kinds.LISTING_SENT_BACK)
    assert sent_back.recipient == vendor_user and sent_back.summary == "カテゴリを見直してください"
    listing.refresh_from_db()
    listing_services.do_submit_listing(listing, actor=vendor_user, organisation=vendor)
    listing_services.do_publish_listing(listing, actor=staff_user)
    assert received(kinds.LISTING_PUBLISHED) == [vendor_user.pk]


def claim(listing, user, issuer):
    return verification_services.do_claim_verification(
        listing,
        actor=user,
        organisation=listing.vendor,
        kind="effectiveness",
        issuer=issuer,
        performed_on=timezone.localdate() - datetime.timedelta(days=10),
        expires_on=timezone.localdate() + datetime.timedelta(days=365),
        scope="EDR の検知性能",
        result_summary="既知マルウェア 98% を検知",
        evidence_url="https://example.org/report.pdf",
    )


def test_claim_notifies_the_issuers_members_and_decisions_notify_the_vendor(
    vendor, vendor_user, verifier, verifier_user
):
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, verifier)
    assert received(kinds.VERIFICATION_CLAIMED) == [verifier_user.pk]
    assert Notification.objects.get(kind=kinds.VERIFICATION_CLAIMED).url == reverse(
        "marketplace:verification_decide", args=[record.pk]
    )
    verification_services.do_confirm_verification(record, actor=verifier_user, organisation=verifier)
    assert received(kinds.VERIFICATION_CONFIRMED) == [vendor_user.pk]
    verification_services.do_revoke_verification(
        record, actor=verifier_user, organisation=verifier, reason="報告書の誤りが判明しました"
    )
    assert received(kinds.VERIFICATION_REVOKED) == [vendor_user.pk]
    assert Notification.objects.get(kind=kinds.VERIFICATION_REVOKED).summary == "報告書の誤りが判明しました"


def test_rejected_claim_notifies_the_vendor(vendor, vendor_user, verifier, verifier_user):
    record = claim(make_listing(vendor), vendor_user, verifier)
    verification_services.do_reject_verification(
        record, actor=verifier_user, organisation=verifier, reason="該当する試験を実施していません"
    )
    assert received(kinds.VERIFICATION_REJECTED) == [vendor_user.pk]


def test_a_change_that_rolls_back_leaves_no_notification(vendor, vendor_user, user_org, user_member):
    need = make_need(user_org)
    listing = make_listing(vendor)
    propose(listing, need, vendor_user)
    with pytest.raises(ValidationError):
        propose(listing, need, vendor_user)
    assert Notification.objects.filter(kind=kinds.INTRODUCTION_REQUESTED).count() == 1


def test_expiring_verification_and_closing_need_are_notified_once(
    vendor, vendor_user, user_org, user_member, verifier
):
    today = timezone.localdate()
    listing = make_listing(vendor)
    make_record(
        listing, verifier, status=RecordStatus.CONFIRMED, expires_on=today + datetime.timedelta(days=20)
    )
    make_record(
        listing, verifier, status=RecordStatus.CONFIRMED, expires_on=today + datetime.timedelta(days=90)
    )
    make_need(user_org, expires_at=timezone.now() + datetime.timedelta(days=5))
    make_need(user_org, expires_at=timezone.now() + datetime.timedelta(days=30))

    assert kinds.do_send_reminders() == 2
    assert kinds.do_send_reminders() == 0  # the daily job ran twice: nobody hears it twice
    assert received(kinds.VERIFICATION_EXPIRING) == [vendor_user.pk]
    assert received(kinds.NEED_CLOSING) == [user_member.pk]
    expiring = Notification.objects.get(kind=kinds.VERIFICATION_EXPIRING)
    assert (today + datetime.timedelta(days=20)).isoformat() in expiring.text
    assert (
        expiring.email_status == "digest"
    )  # reminders wait for the daily digest unless the person chose otherwise
