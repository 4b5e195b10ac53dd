import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.discussions import selectors, services
from cpsplatform.discussions.digests import do_send_mention_digests
from cpsplatform.discussions.models import (
    Channel,
    ChannelKind,
    ChannelMember,
    MessageMention,
    PresenceConnection,
)
from cpsplatform.organisations.models import OrganisationKind
from tests.factories import login

from .conftest import make_org, make_person

pytestmark = pytest.mark.django_db


def _config(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="chat-config" type="application/json">') + len(
        '<script id="chat-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_chat_page_lists_exactly_the_readable_channels_with_unread_counts(client, vendor_org, user_org):
    vendor, partner = make_person(vendor_org), make_person(make_org(OrganisationKind.VENDOR))
    buyer = make_person(user_org, display_name="Buyer")
    teaming = services.do_create_channel(kind=ChannelKind.VENDORS, name="Teaming", created_by=vendor)
    worries = services.do_create_channel(kind=ChannelKind.USERS, name="SME worries", created_by=buyer)
    services.do_send_message(teaming, partner, body="a")
    services.do_send_message(teaming, partner, body="b")
    services.do_send_message(teaming, vendor, body="mine")
    services.do_send_message(worries, buyer, body="not for vendors")
    response = login(client, vendor).get(reverse("discussions:index"))
    assert response.status_code == 200
    config = _config(response)
    assert [(c["slug"], c["unread"]) for c in config["channels"]] == [(teaming.slug, 2)]
    assert worries.slug not in response.content.decode()
    assert config["me"]["id"] == vendor.pk and config["current"] == teaming.slug


def test_chat_page_is_bilingual(client, user_org):
    person = make_person(user_org)
    login(client, person)
    client.cookies["django_language"] = "en"
    assert "Discussions" in client.get(reverse("discussions:index")).content.decode()
    client.cookies["django_language"] = "ja"
    page = client.get(reverse("discussions:index")).content.decode()
    assert (
        "ディスカッション" in page
        and _config(client.get(reverse("discussions:index")))["strings"]["send"] == "送信"
    )


def test_create_channel_offers_only_the_kinds_the_person_may_open(client, user_org):
    person = make_person(user_org)
    login(client, person)
    form = client.get(reverse("discussions:create")).context["form"]
    assert [value for value, _ in form.fields["kind"].choices] == ["public", "users", "private"]
    response = client.post(reverse("discussions:create"), {"kind": "policy", "name": "Mine now"})
    assert response.status_code == 400 and not Channel.objects.exists()
    response = client.post(
        reverse("discussions:create"), {"kind": "private", "name": "Board room", "description": ""}
    )
    channel = Channel.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "discussions:channel", args=[channel.slug]
    )
    assert selectors.is_moderator(person, channel)


def test_moderator_adds_removes_members_and_archives(client, user_org):
    moderator, guest = make_person(user_org), make_person(make_org())
    channel = services.do_create_channel(kind=ChannelKind.PRIVATE, name="Board", created_by=moderator)
    login(client, moderator)
    url = reverse("discussions:members", args=[channel.slug])
    response = client.post(url, {"action": "add", "email": "nobody@example.com", "role": "member"})
    assert response.status_code == 400 and response.context["form"].errors["email"]
    client.post(url, {"action": "add", "email": guest.email.upper(), "role": "member"})
    assert selectors.can_read(guest, channel)
    row = ChannelMember.objects.get(channel=channel, user=guest)
    client.post(url, {"action": "remove", "member": row.pk})
    assert not selectors.can_read(guest, channel)
    client.post(url, {"action": "archive"})
    channel.refresh_from_db()
    assert channel.is_archived
    actions = list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == [
        "discussions.member.added",
        "discussions.member.removed",
        "discussions.channel.archived",
    ]


def test_only_moderators_manage_a_channel(client, user_org):
    moderator, member = make_person(user_org), make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Open", created_by=moderator)
    login(client, member)
    assert client.get(reverse("discussions:members", args=[channel.slug])).status_code == 403
    assert (
        client.post(reverse("discussions:members", args=[channel.slug]), {"action": "archive"}).status_code
        == 403
    )
    assert client.get(reverse("discussions:reports", args=[channel.slug])).status_code == 403
    assert not Channel.objects.get().is_archived


def test_organisation_channels_take_moderators_only_and_only_readers(client, vendor_org, user_org):
    moderator, colleague, buyer = make_person(vendor_org), make_person(vendor_org), make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.VENDORS, name="Teaming", created_by=moderator)
    login(client, moderator)
    url = reverse("discussions:members", args=[channel.slug])
    assert client.post(url, {"action": "add", "email": colleague.email, "role": "member"}).status_code == 400
    assert client.post(url, {"action": "add", "email": buyer.email, "role": "moderator"}).status_code == 400
    assert (
        client.post(url, {"action": "add", "email": colleague.email, "role": "moderator"}).status_code == 302
    )
    assert selectors.is_moderator(colleague, channel) and not selectors.can_read(buyer, channel)


def test_moderator_hides_a_reported_message_from_the_queue(client, user_org):
    moderator, author, reader = make_person(user_org), make_person(user_org), make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="T", created_by=moderator)
    message = services.do_send_message(channel, author, body="rude words")
    report = services.do_report_message(message, reader, reason="insulting")
    login(client, moderator)
    url = reverse("discussions:reports", args=[channel.slug])
    assert "rude words" in client.get(url).content.decode()
    assert client.post(url, {"report": report.pk, "reason": ""}).status_code == 400
    assert client.post(url, {"report": report.pk, "reason": "Be respectful"}).status_code == 302
    message.refresh_from_db()
    assert message.hidden_reason == "Be respectful" and message.hidden_by == moderator
    assert AuditLogEntry.objects.filter(action="discussions.message.hidden", actor=moderator).exists()


def test_direct_message_page_opens_one_conversation_per_pair(client, user_org, vendor_org):
    alice, bob = make_person(user_org), make_person(vendor_org)
    login(client, alice)
    url = reverse("discussions:direct", args=[bob.pk])
    assert client.get(url).status_code == 405
    first = client.post(url)
    second = client.post(url)
    channel = Channel.objects.get(kind=ChannelKind.DIRECT)
    assert first["Location"] == second["Location"] == reverse("discussions:channel", args=[channel.slug])
    assert client.post(reverse("discussions:direct", args=[99999])).status_code == 404


def test_mentions_are_emailed_once_to_people_who_were_away_and_did_not_read(user_org, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    author = make_person(user_org, display_name="Sato")
    away = make_person(user_org, display_name="Tanaka", preferred_language="en")
    reader = make_person(user_org, display_name="Suzuki")
    here = make_person(user_org, display_name="Ito")
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Plant security", created_by=author)
    message = services.do_send_message(
        channel, author, body="@**Tanaka** @**Suzuki** @**Ito** please review the PLC patch", topic="patching"
    )
    services.do_mark_read(channel, reader, seq=message.seq)
    PresenceConnection.objects.create(channel_name="live-1", user=here, last_seen_at=timezone.now())
    later = timezone.now() + timedelta(minutes=15)
    assert do_send_mention_digests(now=timezone.now()) == 0  # too early: they may still read it in the page
    assert do_send_mention_digests(now=later) == 1
    assert [m.to for m in mail.outbox] == [[away.email]]
    assert "Plant security" in mail.outbox[0].body and "please review the PLC patch" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("You were mentioned")
    assert mail.outbox[0].body.startswith("Hello Tanaka,")
    assert (
        f"http://127.0.0.1:8101{reverse('discussions:channel', args=[channel.slug])}" in mail.outbox[0].body
    )
    assert do_send_mention_digests(now=later) == 0  # never twice
    assert MessageMention.objects.filter(user=here, emailed_at__isnull=True).exists()  # online: still pending


def test_send_mention_digests_command_runs(user_org):
    call_command("send_mention_digests", "--delay-minutes", "0")


def test_a_small_group_conversation_is_started_by_e_mail_addresses(client, user_org, vendor_org):
    alice, bob, carol = make_person(user_org), make_person(vendor_org), make_person(make_org())
    login(client, alice)
    url = reverse("discussions:direct_group")
    response = client.post(url, {"emails": f"{bob.email}, nobody@example.com"})
    assert response.status_code == 400 and not Channel.objects.exists()
    response = client.post(url, {"emails": f"{bob.email} {carol.email.upper()}"})
    channel = Channel.objects.get(kind=ChannelKind.DIRECT)
    assert response["Location"] == reverse("discussions:channel", args=[channel.slug])
    assert {m.user for m in channel.members.all()} == {alice, bob, carol}
    assert client.post(url, {"emails": " ".join(f"p{n}@example.com" for n in range(8))}).status_code == 400


def test_staff_see_channels_in_the_admin_and_archive_them_through_the_service(client, user_org):
    from tests.factories import make_staff

    creator = make_person(user_org)
    channel = services.do_create_channel(kind=ChannelKind.PUBLIC, name="Old news", created_by=creator)
    staff = make_staff()
    login(client, staff)
    assert client.get(reverse("discussion_channels:index")).status_code == 200
    edit_url = reverse("discussion_channels:edit", args=[channel.pk])
    assert client.get(edit_url).status_code == 200
    assert client.post(edit_url, {}).status_code == 302
    channel.refresh_from_db()
    assert not channel.is_archived
    assert client.post(edit_url, {"archive": "on"}).status_code == 302
    channel.refresh_from_db()
    assert channel.is_archived
    assert AuditLogEntry.objects.filter(action="discussions.channel.archived", actor=staff).exists()
