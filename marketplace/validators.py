"""Validators for text people type into the marketplace.

There is deliberately no markup filter on input. People here write about attacks ("our WAF blocks <script>
injection", "if a<b", "' OR 1=1 --"), and a pattern that refused such prose also let obfuscated variants through.
Every page escapes the text it prints; the places that print HTML on purpose (search highlights, matching panels)
escape each piece of user text before adding their own markup; e-mails are plain text and the CSV export defuses
spreadsheet formulas. Tests: ``tests/marketplace/test_security_prose.py``, ``tests/security/``.
"""


def reject_markup(value: str) -> None:
    """Accepts everything. Kept only because migration 0003 names it; no field or form uses it any more."""
