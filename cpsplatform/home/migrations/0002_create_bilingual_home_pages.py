"""Replace Wagtail's placeholder page with the Japanese home page as the site root, plus its English translation.

Historical models only (no page methods here): the tree columns are set by hand, as Wagtail's own project
template does. Translations of a site's root page live beside it under the tree root.
"""

import uuid

from django.db import migrations
from django.utils import timezone

from cpsplatform.home.content import HOME_PAGES

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_child_path(Page, parent):
    last = Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path).order_by("-path").first()
    if last is None:
        return parent.path + "0001"
    step, number = last.path[-4:], 0
    for char in step:
        number = number * 36 + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")
    if HomePage.objects.exists():
        return

    root = Page.objects.get(depth=1)
    # Wagtail's "Welcome to your new Wagtail site!" placeholder, if it is still there untouched.
    Page.objects.filter(
        depth=2, numchild=0, content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()

    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    translation_key = uuid.uuid4()
    now = timezone.now()
    pages = {}
    for language, content in HOME_PAGES.items():
        locale, _ = Locale.objects.get_or_create(language_code=language)
        pages[language] = HomePage.objects.create(
            title=content["title"],
            draft_title=content["title"],
            slug=content["slug"],
            url_path=f"/{content['slug']}/",
            content_type=content_type,
            path=_next_child_path(Page, root),
            depth=2,
            numchild=0,
            locale=locale,
            translation_key=translation_key,
            live=True,
            first_published_at=now,
            last_published_at=now,
            lead=content["lead"],
            body=content["body"],
        )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=pages["ja"], is_default_site=True, site_name="CPS Platform"
        )
    else:
        site.root_page = pages["ja"]
        site.save(update_fields=["root_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_home_pages, migrations.RunPython.noop)]
