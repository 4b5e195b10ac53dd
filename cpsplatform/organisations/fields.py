"""Form fields for choosing organisations from long lists (issuers, invitations: 70–110 of them).

The choices come grouped by kind (``<optgroup>``) and each reads "Japanese name / English name", so the plain
``<select>`` is usable without JavaScript; ``static/js/searchable-select.js`` adds a text filter above it. The
script is a file (the Content-Security-Policy allows no inline script) and is loaded by the widget itself, so a
template needs nothing extra.
"""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.forms.models import ModelChoiceIterator
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Organisation, OrganisationKind

#: Group order: the organisations people pick most often first.
KIND_ORDER = [
    OrganisationKind.VERIFICATION_BODY,
    OrganisationKind.PUBLIC_AGENCY,
    OrganisationKind.VENDOR,
    OrganisationKind.USER_COMPANY,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.EVENT_ORGANISER,
]


def organisation_label(organisation: Organisation) -> str:
    """Both names when they differ, so the filter finds an organisation by either."""
    names = [name for name in (organisation.name_ja, organisation.name_en) if name]
    if len(names) == 2 and names[0] != names[1]:
        return f"{names[0]} / {names[1]}"
    return names[0] if names else str(organisation.pk)


def _kind_key(organisation: Organisation) -> tuple[int, str]:
    kind = organisation.kind
    position = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return position, kind


class GroupedByKindIterator(ModelChoiceIterator):
    """Choices as ``(kind label, [(value, label), ...])`` groups, names sorted within a group."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        organisations = sorted(self.queryset, key=lambda o: (_kind_key(o), organisation_label(o).casefold()))
        for (_position, kind), members in groupby(organisations, key=_kind_key):
            label = OrganisationKind(kind).label if kind in OrganisationKind.values else kind
            yield (label, [self.choice(organisation) for organisation in members])

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class _Searchable:
    """Marks the ``<select>`` for the filter script and loads it (once per page: the script guards itself)."""

    def __init__(self, attrs=None, **kwargs) -> None:
        attrs = {
            "data-searchable": "",
            "data-filter-label": _("Filter the list"),
            "data-filter-placeholder": _("Type part of a name…"),
            "data-count-template": _("%s matching"),
            **(attrs or {}),
        }
        super().__init__(attrs, **kwargs)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        script = format_html('<script src="{}" defer></script>', static("js/searchable-select.js"))
        return mark_safe(html + script)  # noqa: S308 (both parts are escaped HTML)


class SearchableSelect(_Searchable, forms.Select):
    pass


class SearchableSelectMultiple(_Searchable, forms.SelectMultiple):
    pass


class OrganisationChoiceField(forms.ModelChoiceField):
    iterator = GroupedByKindIterator
    widget = SearchableSelect

    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_label(obj)


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = GroupedByKindIterator
    widget = SearchableSelectMultiple

    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_label(obj)
