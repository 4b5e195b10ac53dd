"""The bilingual home page, edited in the Wagtail admin (Japanese is the default locale, English a translation)."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    lead = RichTextField(blank=True, help_text="A short introduction shown under the title.")
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    max_count_per_parent = 1
    subpage_types: list[str] = []
