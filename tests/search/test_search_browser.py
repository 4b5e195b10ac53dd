"""A person searches in a real browser: words in one language find offers written in the other."""

import pytest

from marketplace.choices import Visibility
from search.indexes import KINDS, alias_name, ensure_indexes, get_client
from search.models import IndexOutbox
from tests.browser.conftest import browser, browser_locale, page  # noqa: F401
from tests.factories import make_organisation
from tests.marketplace.factories import make_listing, make_need

pytestmark = pytest.mark.browser


def _refresh() -> None:
    client = get_client()
    ensure_indexes(client)
    for kind in KINDS:
        client.indices.refresh(index=alias_name(kind))


def test_a_visitor_searches_filters_and_never_sees_a_hidden_need(page, live_server, clean_indexes):  # noqa: F811
    # Created outside any request: each save commits at once and the web process's after-commit sync indexes it.
    make_listing(
        name_ja="工場向け侵入テスト",
        name_en="",
        summary_ja="制御システムへの侵入テストを行います。",
        regions=["kinki"],
    )
    make_listing(
        name_ja="侵入テスト（関東）", name_en="", summary_ja="侵入テストを行います。", regions=["kanto"]
    )
    make_listing(name_ja="バックアップサービス", name_en="", summary_ja="復旧まで支援します。")
    owner = make_organisation()
    make_need(owner, title="秘密の侵入テスト案件", visibility=Visibility.INVITE_ONLY)
    assert not IndexOutbox.objects.exists()
    _refresh()

    page.goto("/search/")
    page.fill("input[name=q]", "pen test")
    page.click("form.search-form button[type=submit]")
    results = page.locator("article.search-result")
    assert results.count() == 2
    assert page.locator("article.search-result mark").first.inner_text() == "侵入テスト"
    assert "バックアップ" not in page.content()

    page.click("aside a:has-text('Kinki')")
    assert page.locator("article.search-result").count() == 1
    assert "工場向け侵入テスト" in page.locator("article.search-result").inner_text()

    page.goto("/search/?type=needs&q=秘密の侵入テスト案件")
    assert page.locator("article.search-result").count() == 0


def test_a_visitor_removes_filters_one_chip_at_a_time(page, live_server, clean_indexes):  # noqa: F811
    make_listing(name_ja="", name_en="EDR in Kinki", regions=["kinki"], categories=["endpoint-protection"])
    make_listing(name_ja="", name_en="EDR in Kanto", regions=["kanto"], categories=["endpoint-protection"])
    make_need(make_organisation(), title="EDR wanted for a factory", visibility=Visibility.PUBLIC)
    _refresh()

    page.goto("/search/?q=EDR&type=listings&region=kinki&category=endpoint-protection&level=1")
    chips = page.locator("#active-filters a.chip")
    assert chips.count() == 3
    assert "Region: Kinki" in page.inner_text("#active-filters")
    assert "kinki" not in page.inner_text("#active-filters")

    # Switching to needs drops the verification level (needs have no such filter) and says so.
    page.select_option("select[name=type]", "needs")
    page.click("form.search-form button[type=submit]")
    assert page.locator("#dropped-filters").count() == 1
    assert page.locator("#active-filters a.chip[data-filter=level]").count() == 0
    assert page.locator("article.search-result").count() == 0  # region and category still narrow
    page.click("#active-filters a.chip[data-filter=region]")
    assert page.locator("#active-filters a.chip[data-filter=region]").count() == 0
    assert page.locator("#active-filters a.chip[data-filter=category]").count() == 1
    page.click("#clear-filters")
    assert page.locator("#active-filters").count() == 0
    assert page.locator("article.search-result").count() == 1
    assert "EDR wanted for a factory" in page.inner_text("article.search-result")
