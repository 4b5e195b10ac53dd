"""allauth's account pages guard themselves (walked by ``tests/test_access_matrix.py``)."""

from tests.access.rules import Delegated, Sample

ACCESS_RULES = {
    "/accounts/": Delegated(
        "django-allauth: sign-up, login, e-mail confirmation and password reset are open to anonymous visitors "
        "(rate-limited by allauth); e-mail and password management require login.",
        sample_paths=(
            Sample("/accounts/login/", status=200, redirect_to=None),
            Sample("/accounts/signup/", status=200, redirect_to=None),
            Sample("/accounts/password/reset/", status=200, redirect_to=None),
            "/accounts/email/",
            "/accounts/password/change/",
            Sample("/accounts/email/", method="POST"),
            Sample("/accounts/login/", user="user", redirect_to="/organisations/"),
            Sample("/accounts/email/", user="user", status=200, redirect_to=None),
        ),
    ),
}
