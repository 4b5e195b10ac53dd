"""The bilingual home page, edited in the Wagtail admin (Japanese is the default locale, English a translation)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cpsplatform.taxonomy import CpsfComponent, CpsfLayer, Region, VerificationLevel


class HomePage(Page):
    lead = RichTextField(_("lead"), blank=True, help_text=_("A short introduction shown under the title."))
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The fixed vocabularies the platform is built on, shown in the visitor's language.
        context["verification_levels"] = [
            level for level in VerificationLevel if level != VerificationLevel.NONE
        ]
        context["cpsf_layers"] = list(CpsfLayer)
        context["cpsf_components"] = list(CpsfComponent)
        context["regions"] = list(Region)
        return context
