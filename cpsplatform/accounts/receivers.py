"""Listen to ``allauth.mfa``: audit every change to a person's second factors and note the factor in the session.

allauth documents its signals in ``allauth.mfa.signals``; it already e-mails the person when a factor is added or
removed (``ACCOUNT_EMAIL_NOTIFICATIONS``). Wired in ``AccountsConfig.ready``.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from cpsplatform.audit.services import log_action

from .mfa import SECOND_FACTOR_TYPES, mark_second_factor_verified


def _data(authenticator: Authenticator) -> dict:
    return {"type": authenticator.type, "authenticator": authenticator.pk}


def on_authenticator_added(sender, request, user, authenticator: Authenticator, **kwargs) -> None:
    """Audit the new factor. Setting up a TOTP app or passkey proves it (a code or an assertion), so the session
    counts as having used a second factor from now on."""
    log_action("accounts.mfa.added", actor=user, subject=user, data=_data(authenticator))
    if authenticator.type in SECOND_FACTOR_TYPES and request is not None:
        mark_second_factor_verified(request)


def on_authenticator_removed(sender, request, user, authenticator: Authenticator, **kwargs) -> None:
    log_action("accounts.mfa.removed", actor=user, subject=user, data=_data(authenticator))


def on_authenticator_reset(sender, request, user, authenticator: Authenticator, **kwargs) -> None:
    log_action("accounts.mfa.recovery_codes_regenerated", actor=user, subject=user, data=_data(authenticator))


def on_authenticator_used(sender, request, user, authenticator: Authenticator, **kwargs) -> None:
    """A factor passed at sign-in or re-authentication. A recovery code is worth an audit entry: it is what
    someone who stole the codes would use, and each one works once."""
    if request is not None:
        mark_second_factor_verified(request)
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        log_action(
            "accounts.mfa.recovery_code_used",
            actor=user,
            subject=user,
            data={**_data(authenticator), "reauthenticated": bool(kwargs.get("reauthenticated"))},
        )


def connect() -> None:
    from allauth.mfa import signals

    signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="accounts.mfa.added")
    signals.authenticator_removed.connect(on_authenticator_removed, dispatch_uid="accounts.mfa.removed")
    signals.authenticator_reset.connect(on_authenticator_reset, dispatch_uid="accounts.mfa.reset")
    signals.authenticator_used.connect(on_authenticator_used, dispatch_uid="accounts.mfa.used")
