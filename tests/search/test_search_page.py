import pytest
from django.urls import reverse

from marketplace.choices import Visibility
from marketplace.services import needs as need_services
from search.models import IndexOutbox
from tests.factories import client_for, make_member, make_organisation, make_user
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.django_db

SECRET_TITLE = "極秘：次世代PUF評価の協力先募集"


def _search(client, **params):
    return client.get(reverse("search:search"), params)


def _titles(response) -> list[str]:
    page = response.context["page"]
    return [result.title for result in page.results] if page else []


def test_a_hidden_need_never_appears_to_an_outsider_searching_its_exact_title(sync_now, client):
    owner = make_organisation()
    invited = make_organisation(kind="vendor")
    confirmed_only = make_need(
        owner, title="Confirmed vendors only: OT gateway", visibility=Visibility.CONFIRMED_VENDORS
    )
    make_need(owner, title=SECRET_TITLE, visibility=Visibility.INVITE_ONLY, invited=[invited])
    make_need(owner, title="公開ニーズ：PUF評価", visibility=Visibility.PUBLIC)
    sync_now()

    outsider = make_member(make_organisation(kind="vendor")).user
    for who in (client, client_for(outsider), client_for(make_user())):
        response = _search(who, q=SECRET_TITLE, type="needs")
        assert response.status_code == 200
        assert SECRET_TITLE not in _titles(response)
        assert "公開ニーズ：PUF評価" in _titles(response)
        articles = response.content.decode().split("<article")[1:]
        assert articles and not any(SECRET_TITLE in article for article in articles)
        assert response.context["page"].total == 1
        assert confirmed_only.title not in _titles(_search(who, q=confirmed_only.title, type="needs"))

    member_of_invited = make_member(invited).user
    assert SECRET_TITLE in _titles(_search(client_for(member_of_invited), q=SECRET_TITLE, type="needs"))
    member_of_owner = make_member(owner).user
    assert SECRET_TITLE in _titles(_search(client_for(member_of_owner), q=SECRET_TITLE, type="needs"))


def test_confirmed_vendors_see_needs_meant_for_them(sync_now):
    need = make_need(
        make_organisation(),
        title="Confirmed vendors only: OT gateway",
        visibility=Visibility.CONFIRMED_VENDORS,
    )
    sync_now()
    confirmed = make_member(make_organisation(kind="vendor", confirmed_by_staff=True)).user
    assert need.title in _titles(_search(client_for(confirmed), q="OT gateway", type="needs"))


def test_english_words_find_a_japanese_listing_with_the_match_highlighted(sync_now, client):
    make_listing(
        name_ja="制御システム向け侵入テスト",
        name_en="",
        summary_ja="工場への侵入テストを行います。",
        categories=["penetration-testing"],
    )
    make_listing(name_ja="バックアップ", name_en="", summary_ja="復旧", categories=["backup-recovery"])
    sync_now()
    body = _search(client, q="pen test").content.decode()
    assert "<mark>侵入テスト</mark>" in body
    assert "バックアップ" not in body
    assert "Penetration testing" in body or "ペネトレーションテスト" in body  # the category facet


def test_facets_filter_and_pages_and_sort(sync_now, client):
    for n in range(12):
        make_listing(
            name_ja="",
            name_en=f"EDR offer {n:02d}",
            price_min_jpy=(n + 1) * 10_000,
            regions=["kinki"],
            categories=["endpoint-protection"],
        )
    make_listing(name_ja="", name_en="EDR far away", regions=["hokkaido"], categories=["endpoint-protection"])
    sync_now()
    everything = _search(client, q="EDR")
    assert everything.context["page"].total == 13
    facets = {
        facet.name: {b.value: b.count for b in facet.buckets} for facet in everything.context["page"].facets
    }
    assert facets["region"] == {"kinki": 12, "hokkaido": 1}
    assert facets["category"] == {"endpoint-protection": 13}

    first = _search(client, q="EDR", region="kinki", sort="price")
    assert first.context["page"].total == 12
    assert _titles(first) == [f"EDR offer {n:02d}" for n in range(10)]
    second = _search(client, q="EDR", region="kinki", sort="price", page=2)
    assert _titles(second) == ["EDR offer 10", "EDR offer 11"]
    cheap = _search(client, q="EDR", price="50k")
    assert sorted(_titles(cheap)) == [f"EDR offer {n:02d}" for n in range(5)]


def test_bad_filter_values_are_reported_and_the_words_kept(sync_now, client):
    make_listing(name_ja="", name_en="EDR for shops")
    sync_now()
    response = _search(client, q="EDR", region="mars", level="99")
    body = response.content.decode()
    assert "errorlist" in body
    assert 'value="EDR"' in body
    assert _titles(response) == ["EDR for shops"]


def test_search_page_says_unavailable_and_keeps_the_words_when_elasticsearch_is_down(
    elasticsearch_down, client
):
    response = _search(client, q="脆弱性診断", type="needs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "検索は一時的に利用できません" in body
    assert 'value="脆弱性診断"' in body


def test_a_need_written_while_elasticsearch_is_down_is_kept_and_indexed_later(
    elasticsearch_down, settings, django_capture_on_commit_callbacks, sync_now
):
    owner = make_organisation()
    user = make_member(owner, role="owner").user
    settings.SEARCH_SYNC_ON_COMMIT = True  # the web process tries to deliver after commit, and fails quietly
    with django_capture_on_commit_callbacks(execute=True):
        need = need_services.do_create_need(
            owner=owner, actor=user, data={"title": "EDRを導入したい", "description": "工場のPC"}
        )
    assert IndexOutbox.objects.filter(kind="needs", object_id=str(need.pk)).exists()

    elasticsearch_down.up()
    sync_now()
    assert not IndexOutbox.objects.exists()
    assert "EDRを導入したい" in _titles(_search(client_for(user), q="EDR", type="needs"))


def test_published_events_are_searchable_and_drafts_are_not(sync_now, client):
    from tests.events.conftest import make_event

    make_event(
        title_ja="第6回 サイバー・フィジカル・セキュリティ対策フレームワーク",
        title_en="CPSF session",
        number=6,
    )
    make_event(title_ja="未公開の勉強会 フレームワーク", title_en="", is_published=False, number=7)
    sync_now()
    response = _search(client, q="CPSF", type="events")
    assert _titles(response) == ["第6回 サイバー・フィジカル・セキュリティ対策フレームワーク"]
    assert "<mark>" in response.content.decode()
    assert _titles(_search(client, q="未公開の勉強会", type="events")) == []
