"""Signals of organisations, for apps the core does not know about.

``organisation_trust_changed(sender=Organisation, organisation: Organisation)``
    Sent INSIDE the transaction that changed what others may rely on about ``organisation``: its staff confirmation
    (given, withdrawn, or cleared by a change of kind) or its kind. Receivers bring their own derived state in line
    in the same transaction (the marketplace recomputes the verification levels of listings the organisation issued
    records for), so the change and its consequences commit together or not at all. Receivers must not send
    anything outside the database themselves; they use ``transaction.on_commit`` for that.

``organisation_profile_changed(sender=Organisation, organisation: Organisation, fields: list[str])``
    Sent INSIDE the transaction that changed profile ``fields`` of ``organisation`` (by its managers or by staff
    in an admin). Apps that copy profile fields into their own records bring them in line (search re-indexes the
    listings and events that show the organisation's name), writing only to the database here.

``organisation_deleting(sender=Organisation, organisation: Organisation)``
    Sent INSIDE the transaction that deletes ``organisation``, *before* the delete, while the rows that cascade
    with it (listings, needs, events) still exist: receivers note what will go (search queues their removal).
"""

from django.dispatch import Signal

organisation_trust_changed = Signal()
organisation_profile_changed = Signal()
organisation_deleting = Signal()
