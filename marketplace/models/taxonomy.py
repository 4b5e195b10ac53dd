from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SecurityCategory(models.Model):
    """A kind of security offering (EDR, SOC monitoring, SME help package...).

    Maintained by platform staff in the Wagtail admin; the slugs are stable keys used by matching and by the
    matching evaluation data, so a slug is never renamed — retire a category with ``is_active`` instead.
    """

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("security category")
        verbose_name_plural = _("security categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_ja

    @property
    def description(self) -> str:
        return (self.description_en if get_language() == "en" else self.description_ja) or self.description_ja
