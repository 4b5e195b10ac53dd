"""The marketplace's service layer: one module per process. Views and the Wagtail admin call these; nothing else
writes marketplace rows. ``check_*`` validate and authorise (raising ``ValidationError`` / ``PermissionDenied``),
``do_*`` change state inside a transaction, write the audit trail and send the marketplace signals."""
