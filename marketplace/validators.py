"""Validators for text people type into the marketplace.

Text is always escaped on output; we additionally refuse markup on input so that a listing or need never carries
HTML or script that some other consumer (an e-mail, an export, a search snippet) might render.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript\s*:|&#|\bon[a-z]+\s*=", re.IGNORECASE)


def reject_markup(value: str) -> None:
    if value and _MARKUP.search(value):
        raise ValidationError(
            _("Please write plain text: HTML tags and scripts are not allowed here."), code="markup"
        )
