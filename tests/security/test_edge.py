"""Issue 10, defect 6: malformed input that used to end in a 500 or 503 now gets a 400/404 with a reason.

Each test reproduces one reported request against the real database (and Elasticsearch for message search).
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cpsplatform.discussions import services as chat_services
from cpsplatform.discussions.models import ChannelKind, ChannelMember, MessageReport
from cpsplatform.organisations.models import Membership, OrganisationKind
from events.models import Material
from tests.discussions.conftest import make_person
from tests.events.conftest import make_event, make_org
from tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db

NOT_NUMBERS = ["abc", "1.5", "-3", "0", str(10**30), "１２", "1 OR 1=1", ""]


def _english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def organiser_and_event():
    organisation = make_org(OrganisationKind.EVENT_ORGANISER)
    organiser = make_user()
    make_member(organisation, role="admin", user=organiser)
    return organiser, make_event(organisation)


@pytest.fixture
def moderated_channel():
    organisation = make_org(OrganisationKind.USER_COMPANY)
    moderator = make_person(organisation, display_name="Mod")
    reader = make_person(organisation, display_name="Reader")
    channel = chat_services.do_create_channel(
        kind=ChannelKind.PRIVATE, name="Private room", created_by=moderator
    )
    chat_services.do_add_member(channel, reader, added_by=moderator)
    return channel, moderator


@pytest.mark.parametrize("bad_id", NOT_NUMBERS)
def test_deleting_a_material_by_a_made_up_id_is_refused_without_error(organiser_and_event, bad_id):
    organiser, event = organiser_and_event
    Material.objects.create(event=event, title="Slides", file="materials/slides.pdf")
    client = _english_client(organiser)
    response = client.post(reverse("events:materials", args=[event.pk]), {"delete": bad_id}, follow=True)
    assert response.status_code < 500
    assert Material.objects.count() == 1
    if bad_id:
        assert "is not among this event" in response.content.decode()


@pytest.mark.parametrize("bad_id", NOT_NUMBERS)
def test_removing_a_member_by_a_made_up_id_answers_400(moderated_channel, bad_id):
    channel, moderator = moderated_channel
    members = ChannelMember.objects.filter(channel=channel).count()
    response = _english_client(moderator).post(
        reverse("discussions:members", args=[channel.slug]), {"action": "remove", "member": bad_id}
    )
    assert response.status_code == 400
    assert "not a member of this channel" in response.content.decode()
    assert ChannelMember.objects.filter(channel=channel).count() == members


@pytest.mark.parametrize("bad_id", NOT_NUMBERS)
def test_hiding_a_report_by_a_made_up_id_answers_400(moderated_channel, bad_id):
    channel, moderator = moderated_channel
    response = _english_client(moderator).post(
        reverse("discussions:reports", args=[channel.slug]), {"report": bad_id, "reason": "spam"}
    )
    assert response.status_code == 400
    assert "No such report" in response.content.decode()
    assert not MessageReport.objects.exists()


@pytest.mark.parametrize("field", ["organisation", "next"])
def test_a_nul_byte_in_the_organisation_switch_answers_400(field):
    user = make_user()
    organisation = make_organisation(owner=user)
    data = {"organisation": organisation.slug, "next": "/organisations/"}
    data[field] += "\x00"
    response = _english_client(user).post(reverse("organisations:switch"), data)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    "next_url", ["events:index", "dashboard", "nowhere", "javascript:alert(1)", "//evil.example/"]
)
def test_an_unusable_next_address_in_the_organisation_switch_goes_to_the_dashboard(next_url):
    user = make_user()
    make_organisation(owner=user)
    second = make_organisation()
    make_member(second, user=user)
    response = _english_client(user).post(
        reverse("organisations:switch"), {"organisation": second.slug, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:dashboard")
    assert Membership.objects.filter(user=user).count() == 2


@pytest.mark.parametrize("url_name", ["events:dashboard", "events:checkin"])
@pytest.mark.parametrize("query", ["%00", "a%00b", "%ED%A0%80", "%FF%FE"])
def test_organiser_searches_refuse_nul_and_invalid_utf8_with_400(organiser_and_event, url_name, query):
    organiser, event = organiser_and_event
    client = _english_client(organiser)
    response = client.get(f"{reverse(url_name, args=[event.pk])}?q={query}")
    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()


def test_a_nul_byte_in_a_multipart_form_field_answers_400(organiser_and_event):
    organiser, event = organiser_and_event
    response = _english_client(organiser).post(
        reverse("events:materials", args=[event.pk]), {"title": "Slides\x00", "delete": ""}
    )
    assert response.status_code == 400
    assert not Material.objects.exists()


def test_ordinary_searches_with_japanese_text_still_work(organiser_and_event):
    organiser, event = organiser_and_event
    response = _english_client(organiser).get(
        reverse("events:dashboard", args=[event.pk]), {"q": "山田 太郎"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["501", "10000", str(10**30)])
def test_message_search_beyond_the_result_window_answers_404_not_503(es_client, page):
    organisation = make_org(OrganisationKind.USER_COMPANY)
    reader = make_person(organisation)
    response = _english_client(reader).get(reverse("search:messages"), {"q": "firmware", "page": page})
    assert response.status_code == 404
    assert "first 500 pages" in response.content.decode()


def test_message_search_on_the_last_page_of_the_window_still_asks_elasticsearch(es_client):
    reader = make_person(make_org(OrganisationKind.USER_COMPANY))
    response = _english_client(reader).get(reverse("search:messages"), {"q": "firmware", "page": "500"})
    assert response.status_code == 200
