import pytest

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.discussions import selectors, services
from cpsplatform.discussions.errors import InvalidInput, NotAllowed, NotFound
from cpsplatform.discussions.models import ChannelKind, ChannelMember, Message, MessageMention, ReadState
from cpsplatform.organisations.models import Membership, OrganisationKind

from .conftest import make_org, make_person
from .live import shared_database_url

pytestmark = pytest.mark.django_db


def test_create_channel_is_idempotent_by_key(vendor_org, user_org):
    first = services.do_create_channel(
        kind=ChannelKind.INTRODUCTION,
        name="Acme × Maker",
        organisations=[vendor_org, user_org],
        key="introduction:42",
    )
    again = services.do_create_channel(
        kind=ChannelKind.INTRODUCTION, name="Other name", organisations=[], key="introduction:42"
    )
    assert again.pk == first.pk
    assert first.slug == "introduction-42"
    assert set(first.organisations.all()) == {vendor_org, user_org}
    assert AuditLogEntry.objects.filter(action="discussions.channel.created").count() == 1


def test_japanese_channel_name_gets_a_usable_unique_slug(user_org):
    creator = make_person(user_org)
    one = services.do_create_channel(kind=ChannelKind.PUBLIC, name="中小企業の悩み", created_by=creator)
    two = services.do_create_channel(kind=ChannelKind.PUBLIC, name="中小企業の悩み", created_by=creator)
    assert one.slug and two.slug and one.slug != two.slug
    assert selectors.is_moderator(creator, one)


def test_messages_get_consecutive_sequence_numbers_per_channel(user_org):
    author = make_person(user_org)
    first = services.do_create_channel(kind=ChannelKind.PUBLIC, name="One", created_by=author)
    second = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Two", created_by=author)
    seqs = [services.do_send_message(first, author, body=f"m{i}").seq for i in range(3)]
    other = services.do_send_message(second, author, body="x")
    assert seqs == [1, 2, 3]
    assert other.seq == 1
    first.refresh_from_db()
    assert first.last_seq == 3


def test_resending_with_the_same_client_ref_does_not_post_twice(user_org):
    author = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Topic", created_by=author)
    one = services.do_send_message(channel, author, body="hello", client_ref="abc")
    two = services.do_send_message(channel, author, body="hello", client_ref="abc")
    assert one.pk == two.pk
    assert Message.objects.filter(channel=channel).count() == 1


def test_empty_and_oversize_messages_are_refused(user_org):
    author = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Topic", created_by=author)
    with pytest.raises(InvalidInput):
        services.do_send_message(channel, author, body="   ")
    with pytest.raises(InvalidInput):
        services.do_send_message(channel, author, body="x" * 2001)
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("kind", "reader_kind", "outsider_kind"),
    [
        (ChannelKind.VENDORS, OrganisationKind.VENDOR, OrganisationKind.USER_COMPANY),
        (ChannelKind.USERS, OrganisationKind.USER_COMPANY, OrganisationKind.VENDOR),
        (ChannelKind.USERS, OrganisationKind.UNIVERSITY, OrganisationKind.VERIFICATION_BODY),
    ],
)
def test_side_channels_are_read_only_by_their_side(kind, reader_kind, outsider_kind):
    reader = make_person(make_org(reader_kind))
    outsider = make_person(make_org(outsider_kind))
    channel = services.do_create_channel(kind=kind, name="Side", created_by=reader)
    assert selectors.can_read(reader, channel)
    assert not selectors.can_read(outsider, channel)
    with pytest.raises(NotFound):
        services.do_send_message(channel, outsider, body="let me in")


def test_policy_channel_is_read_by_members_and_posted_by_agency_policy_staff(agency_org, user_org):
    staff = make_person(agency_org, is_policy_staff=True)
    agency_clerk = make_person(agency_org)
    member = make_person(user_org)
    flagged_but_not_agency = make_person(user_org, is_policy_staff=True)
    channel = services.do_create_channel(kind=ChannelKind.POLICY, name="Policy", created_by=staff)
    services.do_send_message(channel, staff, body="Guideline draft published")
    assert selectors.can_read(member, channel)
    for person in (member, agency_clerk, flagged_but_not_agency):
        with pytest.raises(NotAllowed):
            services.do_send_message(channel, person, body="me too")
    assert Message.objects.filter(channel=channel).count() == 1


def test_introduction_channel_follows_organisation_membership(vendor_org, user_org):
    seller = make_person(vendor_org)
    buyer = make_person(user_org)
    outsider = make_person(make_org(OrganisationKind.USER_COMPANY))
    channel = services.do_create_channel(
        kind=ChannelKind.INTRODUCTION,
        name="Intro",
        organisations=[vendor_org, user_org],
        key="introduction:1",
    )
    assert selectors.can_read(seller, channel) and selectors.can_read(buyer, channel)
    assert not selectors.can_read(outsider, channel)
    Membership.objects.filter(user=buyer).delete()
    assert not selectors.can_read(buyer, channel)


def test_private_and_event_channels_need_a_member_row(user_org):
    host = make_person(user_org)
    guest = make_person(user_org)
    for kind in (ChannelKind.PRIVATE, ChannelKind.EVENT):
        channel = services.do_create_channel(kind=kind, name=f"{kind} room", key=f"{kind}:room")
        assert not selectors.can_read(guest, channel)
        services.do_add_member(channel, guest, added_by=host)
        assert selectors.can_read(guest, channel)
        services.do_remove_member(channel, guest, removed_by=host)
        assert not selectors.can_read(guest, channel)


def test_a_member_row_never_opens_a_vendors_channel_to_a_user_company(vendor_org, user_org):
    vendor = make_person(vendor_org)
    buyer = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.VENDORS, name="Teaming", created_by=vendor)
    services.do_add_member(channel, buyer, role="moderator")
    assert not selectors.can_read(buyer, channel)


def test_archived_channel_is_read_only(user_org):
    author = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Old", created_by=author)
    message = services.do_send_message(channel, author, body="before")
    services.do_archive_channel(channel, archived_by=author)
    with pytest.raises(NotAllowed):
        services.do_send_message(channel, author, body="after")
    with pytest.raises(NotAllowed):
        services.do_edit_message(message, author, body="changed")
    assert selectors.can_read(author, channel)


def test_edit_and_delete_only_own_messages(user_org):
    author = make_person(user_org)
    other = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=author)
    message = services.do_send_message(channel, author, body="first")
    with pytest.raises(NotAllowed):
        services.do_edit_message(message, other, body="hijack")
    edited = services.do_edit_message(message, author, body="first, fixed")
    assert edited.edited_at is not None and edited.body == "first, fixed" and edited.change > message.change
    deleted = services.do_delete_message(edited, author)
    assert deleted.deleted_at is not None and deleted.body == "" and deleted.seq == message.seq


def test_mentions_resolve_only_to_people_who_can_read_the_channel(vendor_org, user_org):
    author = make_person(vendor_org, display_name="Sato")
    colleague = make_person(vendor_org, display_name="Tanaka")
    make_person(user_org, display_name="Suzuki")
    channel = services.do_create_channel(kind=ChannelKind.VENDORS, name="V", created_by=author)
    message = services.do_send_message(channel, author, body="@**Tanaka** and @**Suzuki** please look")
    assert list(MessageMention.objects.filter(message=message).values_list("user_id", flat=True)) == [
        colleague.pk
    ]
    assert message.body_html.endswith("@Tanaka</span> and @Suzuki please look")


def test_unread_counts_and_inbox_are_exact(user_org):
    alice = make_person(user_org)
    bob = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=alice)
    for i in range(3):
        services.do_send_message(channel, alice, body=f"a{i}", topic="budget")
    services.do_send_message(channel, alice, body="b", topic="staffing")
    services.do_send_message(channel, bob, body="mine", topic="budget")
    assert selectors.unread_counts(bob)[channel.pk] == 4
    inbox = {row["topic"]: row["unread"] for row in selectors.unread_topics(bob)}
    assert inbox == {"budget": 3, "staffing": 1}
    assert services.do_mark_read(channel, bob, seq=2) == 2
    assert services.do_mark_read(channel, bob, seq=1) == 2  # never backwards
    assert selectors.unread_counts(bob)[channel.pk] == 2
    assert services.do_mark_read(channel, bob, seq=999) == 5
    assert channel.pk not in selectors.unread_counts(bob)
    assert ReadState.objects.get(user=bob).last_read_seq == 5


def test_moderator_hides_a_reported_message_with_an_audited_reason(user_org):
    moderator = make_person(user_org)
    troll = make_person(user_org)
    reader = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=moderator)
    message = services.do_send_message(channel, troll, body="buy my stuff http://spam.example")
    services.do_report_message(message, reader, reason="spam")
    with pytest.raises(NotAllowed):
        services.do_hide_message(message, reader, reason="I dislike it")
    hidden = services.do_hide_message(message, moderator, reason="Advertising is not allowed")
    assert hidden.hidden_at is not None and hidden.reports.get().resolved_by == moderator
    entry = AuditLogEntry.objects.get(action="discussions.message.hidden")
    assert entry.actor == moderator and entry.data["reason"] == "Advertising is not allowed"


def test_direct_channel_is_shared_by_exactly_its_participants(user_org, vendor_org):
    alice = make_person(user_org)
    bob = make_person(vendor_org)
    carol = make_person(user_org)
    channel = services.do_open_direct(alice, [bob])
    assert services.do_open_direct(bob, [alice]).pk == channel.pk
    assert set(ChannelMember.objects.filter(channel=channel).values_list("user_id", flat=True)) == {
        alice.pk,
        bob.pk,
    }
    assert not selectors.can_read(carol, channel)


@pytest.mark.django_db(transaction=True)
def test_concurrent_senders_get_consecutive_numbers_in_commit_order():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    org = make_org()
    people = [make_person(org) for _ in range(6)]
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Busy", created_by=people[0])

    def post(person):
        try:
            return [services.do_send_message(channel, person, body=f"{person.pk}-{i}").seq for i in range(8)]
        finally:
            connection.close()

    # On a database file (not SQLite's shared in-memory test database, which has table locks of its own).
    with shared_database_url():
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(post, people))
        channel.refresh_from_db()
        assert (channel.last_seq, channel.last_change) == (48, 48)
    seqs = sorted(seq for result in results for seq in result)
    assert seqs == list(range(1, 49))
    assert all(result == sorted(result) for result in results)  # each sender's messages in its own order
