"""``get_FOO_display()`` that costs one translation, not one per choice.

Django's generic version rebuilds a hashable copy of the field's choices on every call, which hashes each lazy
label and so translates all of them (47 for a prefecture, nine for a registration status) to show one. Pages
that list rows call it per row. Models mix this in to look the value up in a table built once per field.
"""

from __future__ import annotations

import functools

from django.utils.encoding import force_str


@functools.cache
def _labels_by_value(field) -> dict:
    # The platform's choices are fixed enumerations (``TextChoices``), so the table never goes stale.
    return dict(field.flatchoices)


class QuickChoiceDisplay:
    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name)
        value = getattr(self, field.attname)
        try:
            label = _labels_by_value(field).get(value, value)
        except TypeError:  # an unhashable value (a list): Django's own way copes with it
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
