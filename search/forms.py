from django import forms
from django.utils.translation import gettext_lazy as _

from cpsplatform.taxonomy import (
    SERVED_REGION_CHOICES,
    CpsfComponent,
    CpsfLayer,
    SecurityCategory,
    VerificationLevel,
)
from search.queries import PRICE_BANDS, SearchParams


class SearchForm(forms.Form):
    """The public search's query string. Invalid values are reported and left out; the words are kept."""

    q = forms.CharField(label=_("Search"), max_length=300, required=False)
    type = forms.ChoiceField(
        label=_("Search in"),
        choices=[("listings", _("Solutions")), ("needs", _("Needs")), ("events", _("Events"))],
        required=False,
    )
    category = forms.MultipleChoiceField(
        label=_("Category"),
        choices=SecurityCategory.choices,
        required=False,
    )
    layer = forms.TypedMultipleChoiceField(
        label=_("CPSF layer"), choices=CpsfLayer.choices, coerce=int, required=False
    )
    component = forms.MultipleChoiceField(
        label=_("CPSF component"), choices=CpsfComponent.choices, required=False
    )
    region = forms.MultipleChoiceField(label=_("Region"), choices=SERVED_REGION_CHOICES, required=False)
    level = forms.TypedChoiceField(
        label=_("Verification level (at least)"),
        choices=[("", "—"), *VerificationLevel.choices[1:]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    price = forms.ChoiceField(
        label=_("Price"), choices=[("", "—"), *[(k, k) for k, _ in PRICE_BANDS]], required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("relevance", _("Relevance")),
            ("newest", _("Newest")),
            ("price", _("Price")),
            ("verification", _("Verification level")),
        ],
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=100, required=False)

    def params(self) -> SearchParams:
        """What to search for: the valid part of the request (call after ``is_valid()``)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return SearchParams(
            q=(data.get("q") or self.data.get("q", "") or "")[:300],
            kind=data.get("type") or "listings",
            categories=list(data.get("category") or []),
            layers=list(data.get("layer") or []),
            components=list(data.get("component") or []),
            regions=list(data.get("region") or []),
            min_level=data.get("level") or None,
            price=data.get("price") or None,
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        )
