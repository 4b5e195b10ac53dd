"""Signals of organisations, for apps the core does not know about.

``organisation_trust_changed(sender=Organisation, organisation: Organisation)``
    Sent INSIDE the transaction that changed what others may rely on about ``organisation``: its staff confirmation
    (given, withdrawn, or cleared by a change of kind) or its kind. Receivers bring their own derived state in line
    in the same transaction (the marketplace recomputes the verification levels of listings the organisation issued
    records for), so the change and its consequences commit together or not at all. Receivers must not send
    anything outside the database themselves; they use ``transaction.on_commit`` for that.
"""

from django.dispatch import Signal

organisation_trust_changed = Signal()
