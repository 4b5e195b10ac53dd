from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cpsplatform import taxonomy


class SecurityCategory(models.Model):
    """How one member of ``cpsplatform.taxonomy.SecurityCategory`` reads on the site, and whether it is offered.

    The vocabulary is code (the slugs are keys for matching and its evaluation data); this table keeps only what
    staff edit in the Wagtail admin: bilingual names and descriptions, order, and ``is_active`` to retire one.
    ``marketplace.categories.seed_security_categories`` writes a row per member.
    """

    slug = models.SlugField(_("slug"), max_length=64, unique=True, choices=taxonomy.SecurityCategory.choices)
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
