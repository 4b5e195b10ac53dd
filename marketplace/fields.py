"""A list-of-choices model field that works the same on SQLite and PostgreSQL.

Listings and needs carry several small multi-valued vocabularies (regions served, CPSF layers, industries...). They
are stored as one delimited text column (``|kanto|tohoku|``) so that "has this value" is a portable ``LIKE`` on
every database: ``Listing.objects.filter(regions__has="kanto")``. Python code always sees a list.

Pages show the labels in the reader's language: ``listing.get_regions_labels()`` is the list of labels,
``listing.get_regions_display()`` the labels joined with the language's list separator ("関東、近畿").
"""

from collections.abc import Iterable
from functools import partialmethod
from typing import Any

from django import forms
from django.core import exceptions
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

DELIMITER = "|"


def join_labels(labels: Iterable[Any]) -> str:
    """Labels as one phrase: "Kanto, Kinki" in English, "関東、近畿" in Japanese."""
    return pgettext("list separator", ", ").join(str(label) for label in labels)


def _get_field_labels(instance: models.Model, *, field: "ChoiceListField") -> list[Any]:
    labels = dict(field.flatchoices)
    return [labels.get(value, value) for value in field.value_from_object(instance)]


def _get_field_display(instance: models.Model, *, field: "ChoiceListField") -> str:
    return join_labels(_get_field_labels(instance, field=field))


class ChoiceListField(models.CharField):
    """A list of values from ``choices``, kept unique and in the order of ``choices``.

    ``base_type`` is ``str`` or ``int`` (CPSF layers are integers).
    """

    description = "A list of choices"

    def __init__(self, *args: Any, base_type: type = str, **kwargs: Any) -> None:
        self.base_type = base_type
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls: type[models.Model], name: str, *args: Any, **kwargs: Any) -> None:
        # Django's own get_FOO_display() looks the whole list up as one choice and gives the raw list back.
        super().contribute_to_class(cls, name, *args, **kwargs)
        if self.choices is not None:
            setattr(cls, f"get_{self.name}_labels", partialmethod(_get_field_labels, field=self))
            setattr(cls, f"get_{self.name}_display", partialmethod(_get_field_display, field=self))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.base_type is not str:
            kwargs["base_type"] = self.base_type
        if kwargs.get("max_length") == 400:
            del kwargs["max_length"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    # --- conversion -------------------------------------------------------------------------------------------
    def _ordered(self, values: Iterable[Any]) -> list[Any]:
        wanted = {self.base_type(value) for value in values if value not in (None, "")}
        order = [self.base_type(key) for key, _label in self.flatchoices] if self.choices else sorted(wanted)
        known = [value for value in order if value in wanted]
        unknown = sorted(wanted - set(known), key=str)
        return known + unknown

    def to_python(self, value: Any) -> list[Any]:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = [part for part in value.split(DELIMITER) if part]
        try:
            return self._ordered(value)
        except (TypeError, ValueError) as error:
            raise exceptions.ValidationError(_("Enter a list of values."), code="invalid") from error

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[Any]:
        return self.to_python(value)

    def get_prep_value(self, value: Any) -> str:
        values = self.to_python(value)
        if not values:
            return ""
        return DELIMITER + DELIMITER.join(str(item) for item in values) + DELIMITER

    def value_to_string(self, obj: models.Model) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        values = self.to_python(value)
        if not values and not self.blank:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")
        allowed = {self.base_type(key) for key, _label in self.flatchoices}
        for item in values:
            if item not in allowed:
                raise exceptions.ValidationError(
                    _("%(value)s is not one of the available choices."),
                    code="invalid_choice",
                    params={"value": item},
                )

    def formfield(self, **kwargs: Any) -> forms.Field:
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "coerce": self.base_type,
            "required": not self.blank,
            "widget": forms.CheckboxSelectMultiple,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value", "choices_form_class"):
            defaults.pop(key, None)
        return form_class(**defaults)


@ChoiceListField.register_lookup
class HasLookup(models.lookups.Contains):
    """``field__has=value``: the list contains ``value``."""

    lookup_name = "has"

    def get_rhs_op(self, connection, rhs):
        return connection.operators["contains"] % rhs

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [f"{DELIMITER}{value}{DELIMITER}"])
