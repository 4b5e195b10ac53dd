"""Make sure the site has its Japanese home page as root and the English translation beside it."""

from wagtail.models import Locale, Page, Site

from .content import HOME_PAGES
from .models import HomePage


def ensure_home_pages() -> tuple[HomePage, HomePage]:
    """Create what is missing (normally the migrations already did it); never overwrite editors' text.

    Works on an emptied database too (``flush``, as transactional tests do): the page tree's root is made first.
    """
    ja_locale, _ = Locale.objects.get_or_create(language_code="ja")
    en_locale, _ = Locale.objects.get_or_create(language_code="en")
    ja = HomePage.objects.filter(locale=ja_locale).first()
    if ja is None:
        content = HOME_PAGES["ja"]
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=ja_locale, live=True)
        )
        ja = root.add_child(
            instance=HomePage(
                title=content["title"], slug=content["slug"], lead=content["lead"], body=content["body"]
            )
        )
        ja.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=ja, is_default_site=True)
    elif site.root_page_id != ja.pk:
        site.root_page = ja
        site.save(update_fields=["root_page"])
    en = HomePage.objects.filter(locale=en_locale, translation_key=ja.translation_key).first()
    if en is None:
        content = HOME_PAGES["en"]
        en = ja.copy_for_translation(en_locale)
        en.title, en.draft_title, en.slug = content["title"], content["title"], content["slug"]
        en.lead, en.body = content["lead"], content["body"]
        en.save()
        en.save_revision().publish()
        en.refresh_from_db()
    return ja, en
