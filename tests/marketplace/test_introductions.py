import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from marketplace.choices import IntroductionStatus, NeedStatus
from marketplace.models import Introduction
from marketplace.services import introductions as services
from marketplace.signals import introduction_accepted
from tests.factories import client_for

from .factories import make_listing, make_need, make_org

pytestmark = pytest.mark.django_db


def propose(listing, need, user, reason="御社のニーズに合います"):
    return services.do_propose(
        listing=listing, need=need, actor=user, organisation=listing.vendor, reason=reason
    )


def test_vendor_proposes_and_user_accepts_revealing_contacts(
    vendor, vendor_user, user_org, user_member, django_capture_on_commit_callbacks
):
    user_org.contact_email = "security@user.example"
    user_org.save()
    listing = make_listing(vendor)
    need = make_need(user_org, hide_company_name=True)
    response = client_for(vendor_user).post(
        reverse("marketplace:need_propose", args=[need.pk]),
        {"listing": listing.pk, "reason": "EDR で解決できます"},
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    vendor_view = client_for(vendor_user).get(
        reverse("marketplace:introduction_detail", args=[introduction.pk])
    )
    assert "security@user.example" not in vendor_view.content.decode()
    assert user_org.display_name not in vendor_view.content.decode()

    received = []

    def receiver(sender, introduction_id, **kwargs):
        received.append(introduction_id)

    introduction_accepted.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(user_member).post(
                reverse("marketplace:introduction_decide", args=[introduction.pk]), {"action": "accept"}
            )
            assert received == []  # only after commit
    finally:
        introduction_accepted.disconnect(receiver)
    assert response.status_code == 302
    assert received == [introduction.pk]
    introduction.refresh_from_db()
    need.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert need.status == NeedStatus.IN_DISCUSSION
    page = (
        client_for(vendor_user)
        .get(reverse("marketplace:introduction_detail", args=[introduction.pk]))
        .content.decode()
    )
    assert "security@user.example" in page
    assert user_member.email in page
    assert user_org.display_name in page
    user_page = (
        client_for(user_member)
        .get(reverse("marketplace:introduction_detail", args=[introduction.pk]))
        .content.decode()
    )
    assert vendor_user.email in user_page


def test_duplicate_requests_are_refused(vendor, vendor_user, user_org):
    listing, need = make_listing(vendor), make_need(user_org)
    propose(listing, need, vendor_user)
    with pytest.raises(ValidationError) as error:
        propose(listing, need, vendor_user)
    assert error.value.code == "duplicate"
    assert Introduction.objects.count() == 1


def test_duplicate_inquiries_are_refused(vendor, user_org, user_member):
    listing = make_listing(vendor)
    services.do_inquire(
        listing=listing, actor=user_member, organisation=user_org, reason="価格を教えてください"
    )
    client = client_for(user_member)
    response = client.post(reverse("marketplace:listing_inquire", args=[listing.pk]), {"reason": "もう一度"})
    assert response.status_code == 400
    assert "already" in response.content.decode() or "既に" in response.content.decode()
    assert Introduction.objects.count() == 1


def test_declined_pair_waits_for_the_cooling_off_period(vendor, vendor_user, user_org, user_member):
    listing, need = make_listing(vendor), make_need(user_org)
    introduction = propose(listing, need, vendor_user)
    services.do_decline_introduction(
        introduction, actor=user_member, organisation=user_org, reason="予算外です"
    )
    with pytest.raises(ValidationError) as error:
        propose(listing, need, vendor_user)
    assert error.value.code == "cooling_off"
    # Another listing to the same need is still the same pair.
    with pytest.raises(ValidationError):
        propose(make_listing(vendor), need, vendor_user)
    # After the cooling-off period the vendor may ask again.
    Introduction.objects.filter(pk=introduction.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert propose(listing, need, vendor_user).status == IntroductionStatus.PENDING
    assert AuditLogEntry.objects.filter(action="marketplace.introduction.declined").count() == 1


def test_daily_cap_on_outgoing_requests(vendor, vendor_user, settings):
    settings.MARKETPLACE_INTRODUCTIONS_PER_DAY = 3
    listing = make_listing(vendor)
    for _ in range(3):
        propose(listing, make_need(make_org()), vendor_user)
    with pytest.raises(ValidationError) as error:
        propose(listing, make_need(make_org()), vendor_user)
    assert error.value.code == "daily_cap"
    assert Introduction.objects.count() == 3
    # Requests older than a day no longer count.
    Introduction.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    propose(listing, make_need(make_org()), vendor_user)
    assert Introduction.objects.count() == 4


def test_request_without_reason_is_refused(vendor, vendor_user, user_org):
    listing, need = make_listing(vendor), make_need(user_org)
    response = client_for(vendor_user).post(
        reverse("marketplace:need_propose", args=[need.pk]), {"listing": listing.pk, "reason": "   "}
    )
    assert response.status_code == 400
    assert Introduction.objects.count() == 0


def test_vendor_cannot_propose_another_vendors_listing(vendor, user_org, other_vendor_user):
    listing, need = make_listing(vendor), make_need(user_org)
    response = client_for(other_vendor_user).post(
        reverse("marketplace:need_propose", args=[need.pk]), {"listing": listing.pk, "reason": "theirs"}
    )
    assert response.status_code == 400  # not among the choices
    assert Introduction.objects.count() == 0


def test_cannot_propose_to_a_closed_or_expired_need(vendor, vendor_user, user_org):
    listing = make_listing(vendor)
    closed = make_need(user_org, status=NeedStatus.CLOSED)
    expired = make_need(user_org, expires_at=timezone.now() - datetime.timedelta(days=1))
    for need in (closed, expired):
        with pytest.raises(ValidationError):
            propose(listing, need, vendor_user)
    assert Introduction.objects.count() == 0


def test_inbox_shows_pending_accepted_and_declined(vendor, vendor_user, user_org, user_member):
    listing = make_listing(vendor)
    pending = propose(listing, make_need(user_org, title="保留中のニーズ"), vendor_user)
    accepted = propose(listing, make_need(user_org, title="承認済みのニーズ"), vendor_user)
    declined = propose(listing, make_need(user_org, title="辞退済みのニーズ"), vendor_user)
    services.do_accept_introduction(accepted, actor=user_member, organisation=user_org)
    services.do_decline_introduction(declined, actor=user_member, organisation=user_org)
    response = client_for(user_member).get(reverse("marketplace:introductions"))
    groups = response.context["groups"]
    assert [i.pk for i in groups["pending"]] == [pending.pk]
    assert [i.pk for i in groups["accepted"]] == [accepted.pk]
    assert [i.pk for i in groups["declined"]] == [declined.pk]
    assert vendor.display_name in response.content.decode()


def test_user_cannot_refer_to_someone_elses_need_in_an_inquiry(vendor, user_org, user_member):
    listing = make_listing(vendor)
    foreign_need = make_need(make_org())
    with pytest.raises(ValidationError):
        services.do_inquire(
            listing=listing, actor=user_member, organisation=user_org, reason="質問", need=foreign_need
        )
    assert Introduction.objects.count() == 0
