"""allauth's account pages guard themselves (walked by ``tests/test_access_matrix.py``)."""

from tests.access.rules import Delegated, Sample

ACCESS_RULES = {
    "/accounts/": Delegated(
        "django-allauth: sign-up, login, e-mail confirmation and password reset are open to anonymous visitors "
        "(rate-limited by allauth); e-mail, password and second-factor management require login.",
        sample_paths=(
            Sample("/accounts/login/", status=200, redirect_to=None),
            Sample("/accounts/signup/", status=200, redirect_to=None),
            Sample("/accounts/password/reset/", status=200, redirect_to=None),
            "/accounts/email/",
            "/accounts/password/change/",
            Sample("/accounts/email/", method="POST"),
            Sample("/accounts/login/", user="user", redirect_to="/organisations/"),
            Sample("/accounts/email/", user="user", status=200, redirect_to=None),
            # allauth.mfa: managing one's second factors needs a login (and set-up a recent re-authentication);
            # the second-factor step of sign-in only follows a correct password.
            "/accounts/2fa/",
            "/accounts/2fa/totp/activate/",
            "/accounts/2fa/recovery-codes/",
            "/accounts/2fa/webauthn/",
            Sample("/accounts/2fa/authenticate/", redirect_to="login"),
            Sample("/accounts/2fa/", user="user", status=200, redirect_to=None),
            Sample("/accounts/2fa/totp/activate/", user="user", redirect_to="/accounts/reauthenticate/"),
            Sample("/accounts/2fa/webauthn/login/", method="POST"),
            # Where guarded actions send someone without a second factor (cpsplatform.accounts.mfa).
            "/accounts/second-factor/",
            Sample("/accounts/second-factor/", user="user", status=200, redirect_to=None),
            Sample("/accounts/second-factor/", user="staff", redirect_to="/accounts/2fa/"),
        ),
    ),
}
