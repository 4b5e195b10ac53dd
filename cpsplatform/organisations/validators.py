"""Validation of Japanese corporate numbers (法人番号)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def corporate_number_check_digit(base12: str) -> int:
    """Check digit of a 12-digit base number, per the National Tax Agency's rule.

    Digits are weighted 1, 2, 1, 2, ... from the right; the check digit is 9 minus the weighted sum modulo 9.
    """
    total = sum(int(digit) * (1 if position % 2 else 2) for position, digit in enumerate(reversed(base12), 1))
    return 9 - total % 9


def corporate_number_from_base(base12: str) -> str:
    """The full 13-digit corporate number for a 12-digit base (the check digit comes first)."""
    if not base12.isdigit() or len(base12) != 12:
        raise ValueError("A corporate number base has exactly 12 digits.")
    return f"{corporate_number_check_digit(base12)}{base12}"


def validate_corporate_number(value: str) -> None:
    if not value.isdigit() or len(value) != 13:
        raise ValidationError(_("A corporate number has exactly 13 digits."), code="corporate_number_format")
    if int(value[0]) != corporate_number_check_digit(value[1:]):
        raise ValidationError(
            _("This corporate number's check digit is wrong; please check the number."),
            code="corporate_number_check_digit",
        )
