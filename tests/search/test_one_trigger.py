"""One trigger, one drain: each change of an indexed document writes one outbox row, and one transaction registers
at most one drain, whatever path made the change (vendor pages, staff moderation, verification, renames)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cpsplatform.organisations import services as organisation_services
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Membership, Organisation
from cpsplatform.taxonomy import VerificationLevel
from events.services import organising as event_services
from marketplace.choices import ListingStatus, RecordStatus
from marketplace.models import SecurityCategory
from marketplace.services import categories as category_services
from marketplace.services import listings as listing_services
from marketplace.services import verification as verification_services
from search import outbox
from search.models import IndexOutbox
from search.queries import SearchParams, search_site
from tests.events.conftest import make_event
from tests.factories import client_for, login, make_member, make_organisation, make_staff
from tests.marketplace.factories import listing_form_data, make_listing, make_need, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor(security_categories):
    return make_organisation(kind="vendor")


@pytest.fixture
def vendor_user(vendor):
    return make_member(vendor, role="owner").user


def rows(kind: str = "listings") -> list[str]:
    return list(IndexOutbox.objects.filter(kind=kind).values_list("object_id", flat=True))


def drains(callbacks) -> int:
    return sum(isinstance(callback, outbox.PendingChanges) for callback in callbacks)


def listing_form(**overrides) -> dict:
    return listing_form_data(**{"categories": ["endpoint-protection", "network-security"], **overrides})


def test_creating_a_listing_in_the_form_writes_one_outbox_row_and_registers_one_drain(
    settings, vendor_user, django_capture_on_commit_callbacks
):
    settings.SEARCH_SYNC_ON_COMMIT = True
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(vendor_user).post(reverse("marketplace:listing_create"), listing_form())
    assert response.status_code == 302
    listing_id = response.url.rstrip("/").split("/")[-1]
    assert rows() == [listing_id]
    assert drains(callbacks) == 1


def test_editing_a_listing_in_the_form_writes_one_outbox_row(settings, vendor, vendor_user):
    listing = make_listing(vendor, status=ListingStatus.DRAFT)
    IndexOutbox.objects.all().delete()
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_edit", args=[listing.pk]),
        listing_form(name_ja="EDR クラウド 改", categories=["network-security"]),
    )
    assert response.status_code == 302
    assert rows() == [str(listing.pk)]


def test_submitting_and_publishing_write_one_outbox_row_each(vendor, vendor_user):
    listing = make_listing(vendor, status=ListingStatus.DRAFT)
    IndexOutbox.objects.all().delete()
    with transaction.atomic():
        listing_services.do_submit_listing(listing, actor=vendor_user, organisation=vendor)
    assert rows() == [str(listing.pk)]
    IndexOutbox.objects.all().delete()
    with transaction.atomic():
        listing_services.do_publish_listing(listing, actor=make_staff())
    assert rows() == [str(listing.pk)]


def test_confirming_a_verification_writes_one_outbox_row_for_the_listing(vendor):
    issuer = make_organisation(kind="verification_body", confirmed_by_staff=True)
    listing = make_listing(vendor)
    record = make_record(
        listing,
        issuer,
        status=RecordStatus.CLAIMED,
        expires_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    IndexOutbox.objects.all().delete()
    verification_services.do_confirm_verification(
        record, actor=make_member(issuer).user, organisation=issuer
    )  # the level moves and the badges change: still one row
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.EFFECTIVENESS
    assert rows() == [str(listing.pk)]


def test_a_second_confirmed_record_changes_the_badges_without_moving_the_level(vendor):
    """The document lists the kinds of confirmed records, so a record that leaves the level alone is sent too."""
    issuer = make_organisation(kind="verification_body", confirmed_by_staff=True)
    listing = make_listing(vendor)
    make_record(listing, issuer, status=RecordStatus.CONFIRMED, kind="effectiveness")
    verification_services.do_refresh_verification_level(listing)
    record = make_record(listing, issuer, status=RecordStatus.CLAIMED, kind="registered")
    IndexOutbox.objects.all().delete()
    verification_services.do_confirm_verification(record, actor=make_member(issuer).user, organisation=issuer)
    assert rows() == [str(listing.pk)]


def test_renaming_a_vendor_queues_its_listings_and_other_profile_edits_queue_nothing(vendor, vendor_user):
    first, second = make_listing(vendor), make_listing(vendor)
    make_listing()  # another vendor's
    IndexOutbox.objects.all().delete()
    owner = Membership.objects.get(organisation=vendor, user=vendor_user)
    organisation_services.do_update_organisation(owner, vendor, description="新しい紹介文")
    assert rows() == []
    organisation_services.do_update_organisation(owner, vendor, name_ja="改名ベンダー株式会社")
    assert sorted(rows()) == sorted([str(first.pk), str(second.pk)])


def test_relabelling_a_category_queues_what_is_filed_under_it(security_categories):
    category = SecurityCategory.objects.get(slug="endpoint-protection")
    listing = make_listing(categories=["endpoint-protection"])
    make_listing(categories=["network-security"])
    need = make_need()
    need.categories.set([category])
    IndexOutbox.objects.all().delete()
    category.name_en = "Endpoint defence"
    category.save()
    with transaction.atomic():
        category_services.do_admin_saved_category(category, actor=make_staff(), created=False)
    assert rows("listings") == [str(listing.pk)]
    assert rows("needs") == [str(need.pk)]


def test_organiser_edits_of_an_event_write_one_outbox_row():
    event = make_event()
    organiser = make_member(event.organiser, role="owner").user
    IndexOutbox.objects.all().delete()
    event.venue = "秋葉原 UDX"
    event_services.do_update_event(event, by=organiser, fields=["venue"])
    assert rows("events") == [str(event.pk)]


def test_a_change_rolled_back_with_its_savepoint_is_queued_again_by_the_next_change(vendor):
    listing = make_listing(vendor)
    IndexOutbox.objects.all().delete()
    with transaction.atomic():
        try:
            with transaction.atomic():
                outbox.enqueue("listings", listing.pk)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert rows() == []
        outbox.enqueue("listings", listing.pk)
        outbox.enqueue("listings", listing.pk)
    assert rows() == [str(listing.pk)]


def test_with_the_inline_drain_a_saved_listing_is_searchable_and_the_outbox_empty(
    settings, clean_indexes, vendor, vendor_user, django_capture_on_commit_callbacks
):
    settings.SEARCH_SYNC_ON_COMMIT = True
    with django_capture_on_commit_callbacks(execute=True):  # each block stands for one committed transaction
        listing = make_listing(vendor, status=ListingStatus.DRAFT)
        listing_services.do_update_listing(
            listing, actor=vendor_user, organisation=vendor, data={"name_ja": "量子耐性ゲートウェイ"}
        )
        listing_services.do_submit_listing(listing, actor=vendor_user, organisation=vendor)
    with django_capture_on_commit_callbacks(execute=True):
        listing_services.do_publish_listing(listing, actor=make_staff())
    clean_indexes.indices.refresh(index="_all")
    page = search_site(SearchParams(q="量子耐性ゲートウェイ"), Actor.acting_for(vendor_user, vendor))
    assert [result.id for result in page.results] == [str(listing.pk)]
    assert IndexOutbox.objects.count() == 0


def test_with_the_worker_draining_a_save_leaves_its_row_for_search_sync(
    settings, vendor, vendor_user, django_capture_on_commit_callbacks
):
    settings.SEARCH_SYNC_ON_COMMIT = False
    listing = make_listing(vendor, status=ListingStatus.DRAFT)
    IndexOutbox.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        listing_services.do_update_listing(
            listing, actor=vendor_user, organisation=vendor, data={"name_ja": "改"}
        )
    assert rows() == [str(listing.pk)]


def test_deleting_an_organisation_in_the_wagtail_admin_queues_the_removal_of_what_it_had_indexed(client):
    """Its listings and needs go with it (an organiser with events cannot be deleted: events protect it)."""
    vendor = make_organisation(kind="vendor")
    listing, need = make_listing(vendor), make_need(vendor)
    IndexOutbox.objects.all().delete()
    login(client, make_staff())
    response = client.post(reverse("organisation_admin:delete", args=[vendor.pk]))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=vendor.pk).exists()
    assert (rows("listings"), rows("needs")) == ([str(listing.pk)], [str(need.pk)])
