"""Members of other organisations get 403/404 on every URL and form that is not theirs, and nothing changes."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from cpsplatform.organisations.actor import Actor
from marketplace.choices import IntroductionStatus, ListingStatus, Visibility
from marketplace.models import (
    Introduction,
    ListingImage,
    ListingRevision,
    Need,
    NeedAttachment,
    SolutionListing,
    VerificationRecord,
)
from marketplace.selectors import can_view_need, need_display_name, needs_visible_to
from tests.factories import client_for

from .factories import (
    make_introduction,
    make_listing,
    make_member,
    make_need,
    make_org,
    make_record,
    make_vendor,
    png_bytes,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        SolutionListing.objects.count(),
        ListingRevision.objects.count(),
        ListingImage.objects.count(),
        VerificationRecord.objects.count(),
        Need.objects.count(),
        NeedAttachment.objects.count(),
        Introduction.objects.count(),
    )


def listing_state(listing):
    listing.refresh_from_db()
    return (listing.name_ja, listing.status, listing.updated_at)


def test_other_vendor_cannot_edit_a_listing_on_any_url(vendor, other_vendor_user, verifier):
    listing = make_listing(vendor, status=ListingStatus.DRAFT)
    image = ListingImage(listing=listing, kind="logo")
    image.file.save("logo.png", ContentFile(png_bytes()), save=False)
    image.save()
    client = client_for(other_vendor_user)
    before, state = counts(), listing_state(listing)
    urls_get = [
        reverse("marketplace:listing_edit", args=[listing.pk]),
        reverse("marketplace:listing_images", args=[listing.pk]),
        reverse("marketplace:listing_claim", args=[listing.pk]),
        reverse("marketplace:listing_case_study", args=[listing.pk]),
        reverse("marketplace:listing_detail", args=[listing.pk]),  # a draft is not public
    ]
    for url in urls_get:
        assert client.get(url).status_code in (403, 404), url
    posts = {
        reverse("marketplace:listing_edit", args=[listing.pk]): {"name_ja": "乗っ取り", "regions": ["kanto"]},
        reverse("marketplace:listing_submit", args=[listing.pk]): {},
        reverse("marketplace:listing_archive", args=[listing.pk]): {},
        reverse("marketplace:listing_reopen", args=[listing.pk]): {},
        reverse("marketplace:listing_images", args=[listing.pk]): {"kind": "logo"},
        reverse("marketplace:listing_image_delete", args=[listing.pk, image.pk]): {},
        reverse("marketplace:listing_claim", args=[listing.pk]): {
            "kind": "effectiveness",
            "issuer": verifier.pk,
            "performed_on": "2024-01-01",
            "scope": "x",
            "result_summary": "y",
            "evidence_url": "https://example.org",
        },
        reverse("marketplace:listing_case_study", args=[listing.pk]): {
            "title": "t",
            "body": "b",
            "anonymised": "on",
        },
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), url
    assert counts() == before
    assert listing_state(listing) == state


def test_hidden_needs_are_invisible_to_other_organisations(
    user_org, user_member, other_vendor_user, other_vendor
):
    invite_only = make_need(user_org, visibility=Visibility.INVITE_ONLY, invited=[make_vendor()])
    confirmed_only = make_need(user_org, visibility=Visibility.CONFIRMED_VENDORS)
    attachment = NeedAttachment(need=invite_only, original_name="a.txt", content_type="text/plain", size=3)
    attachment.file.save("a.txt", ContentFile(b"abc"), save=False)
    attachment.save()
    client = client_for(other_vendor_user)
    for need in (invite_only, confirmed_only):
        assert client.get(reverse("marketplace:need_detail", args=[need.pk])).status_code == 404
        assert client.get(reverse("marketplace:need_propose", args=[need.pk])).status_code == 404
        assert (
            client.post(reverse("marketplace:need_propose", args=[need.pk]), {"reason": "please"}).status_code
            == 404
        )
        assert client.get(reverse("marketplace:need_edit", args=[need.pk])).status_code == 404
        assert (
            client.post(reverse("marketplace:need_status", args=[need.pk]), {"status": "closed"}).status_code
            == 404
        )
        assert client.get(reverse("marketplace:need_attachments", args=[need.pk])).status_code == 404
    assert client.get(reverse("marketplace:need_attachment", args=[attachment.pk])).status_code == 404
    assert (
        client.post(
            reverse("marketplace:need_attachment_delete", args=[invite_only.pk, attachment.pk])
        ).status_code
        == 404
    )
    anonymous = client_for.__globals__["Client"]()
    assert anonymous.get(reverse("marketplace:need_detail", args=[invite_only.pk])).status_code == 302
    assert anonymous.get(reverse("marketplace:need_attachment", args=[attachment.pk])).status_code == 302
    listed = client.get(reverse("marketplace:need_list")).content.decode()
    assert invite_only.title not in listed and confirmed_only.title not in listed
    assert NeedAttachment.objects.filter(pk=attachment.pk).exists()
    invite_only.refresh_from_db()
    assert invite_only.status == "open"
    # The owner sees both and can download.
    owner = client_for(user_member)
    assert owner.get(reverse("marketplace:need_detail", args=[invite_only.pk])).status_code == 200
    assert owner.get(reverse("marketplace:need_attachment", args=[attachment.pk])).status_code == 200


def test_need_visibility_rules(user_org, user_member, staff_user):
    confirmed_vendor = make_vendor()
    confirmed_vendor.confirmed_by_staff = True
    confirmed_vendor.save()
    unconfirmed_vendor = make_vendor()
    invited = make_vendor()
    public = make_need(user_org)
    confirmed_only = make_need(user_org, visibility=Visibility.CONFIRMED_VENDORS)
    invite_only = make_need(user_org, visibility=Visibility.INVITE_ONLY, invited=[invited])

    def visible(org):
        user = make_member(org)
        return set(needs_visible_to(Actor.acting_for(user, org)).values_list("pk", flat=True))

    assert visible(confirmed_vendor) == {public.pk, confirmed_only.pk}
    assert visible(unconfirmed_vendor) == {public.pk}
    assert visible(invited) == {public.pk, invite_only.pk}
    assert set(needs_visible_to(Actor.acting_for(user_member, user_org)).values_list("pk", flat=True)) == {
        public.pk,
        confirmed_only.pk,
        invite_only.pk,
    }
    assert can_view_need(Actor.acting_for(staff_user, None), invite_only)
    # Claiming an organisation one does not belong to gives nothing extra.
    stranger = make_member(make_org())
    assert not can_view_need(Actor.acting_for(stranger, invited), invite_only)


def test_hidden_company_name_is_revealed_only_after_accepted_introduction(
    user_org, vendor, vendor_user, user_member
):
    need = make_need(user_org, hide_company_name=True)
    assert user_org.display_name not in need_display_name(need, vendor)
    assert need_display_name(need, user_org) == user_org.display_name
    page = client_for(vendor_user).get(reverse("marketplace:need_detail", args=[need.pk])).content.decode()
    assert user_org.display_name not in page
    introduction = make_introduction(make_listing(vendor), need)
    assert user_org.display_name not in need_display_name(need, vendor)
    introduction.status = IntroductionStatus.ACCEPTED
    introduction.save()
    assert need_display_name(need, vendor) == user_org.display_name


def test_other_organisation_cannot_read_or_answer_an_introduction(
    vendor, user_org, user_member, outsider, other_vendor_user
):
    need = make_need(user_org)
    introduction = make_introduction(make_listing(vendor), need)
    for user in (outsider, other_vendor_user):
        client = client_for(user)
        assert (
            client.get(reverse("marketplace:introduction_detail", args=[introduction.pk])).status_code == 404
        )
        assert (
            client.post(
                reverse("marketplace:introduction_decide", args=[introduction.pk]), {"action": "accept"}
            ).status_code
            == 404
        )
        assert (
            client.post(reverse("marketplace:introduction_attach", args=[introduction.pk])).status_code == 404
        )
        assert (
            str(introduction.reason) not in client.get(reverse("marketplace:introductions")).content.decode()
        )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_the_requesting_side_cannot_accept_its_own_request(vendor, vendor_user, user_org):
    introduction = make_introduction(make_listing(vendor), make_need(user_org))
    client = client_for(vendor_user)
    assert client.get(reverse("marketplace:introduction_detail", args=[introduction.pk])).status_code == 200
    assert (
        client.post(
            reverse("marketplace:introduction_decide", args=[introduction.pk]), {"action": "accept"}
        ).status_code
        == 404
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_private_evidence_is_served_only_to_the_parties(
    vendor, vendor_user, verifier, verifier_user, outsider
):
    record = make_record(make_listing(vendor), verifier)
    record.evidence_file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse("marketplace:evidence_file", args=[record.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for.__globals__["Client"]().get(url).status_code == 302
    assert client_for(vendor_user).get(url).status_code == 200
    assert client_for(verifier_user).get(url).status_code == 200
    # The file is not under MEDIA_ROOT.
    from django.conf import settings

    assert not str(record.evidence_file.path).startswith(str(settings.MEDIA_ROOT))


def test_non_staff_cannot_moderate(vendor, vendor_user, outsider):
    listing = make_listing(vendor, status=ListingStatus.SUBMITTED)
    for user in (vendor_user, outsider):
        response = client_for(user).post(
            reverse("marketplace:moderation_listing", args=[listing.pk]), {"action": "publish"}
        )
        assert response.status_code in (302, 403)
        assert "/accounts/login/" in response.get("Location", "/accounts/login/")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_expiry_dates_in_the_past_are_not_confirmable(vendor, verifier, verifier_user):
    past = timezone.localdate() - datetime.timedelta(days=100)
    record = make_record(
        make_listing(vendor), verifier, performed_on=past, expires_on=past + datetime.timedelta(days=5)
    )
    response = client_for(verifier_user).post(
        reverse("marketplace:verification_decide", args=[record.pk]), {"action": "confirm"}
    )
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.status == "claimed"
