"""Site-wide URL trees that third-party frameworks guard (walked by ``tests/test_access_matrix.py``)."""

from tests.access.rules import Delegated, Public, Sample

ACCESS_RULES = {
    "/cms/": Delegated(
        "Wagtail admin: needs the wagtailadmin.access_admin permission; its login URL (/cms/login/) redirects to "
        "allauth's login, so allauth's rate limits apply to the admin too.",
        sample_paths=(
            "/cms/",
            "/cms/pages/",
            "/cms/login/",
            Sample("/cms/login/", method="POST"),
            Sample("/cms/", user="user"),
            Sample("/cms/", user="staff", status=200, redirect_to=None),
        ),
    ),
    "/documents/": Delegated(
        "Wagtail documents: served with the document's collection privacy; unknown ids are 404.",
        sample_paths=(Sample("/documents/999999/missing.pdf", status=404, redirect_to=None),),
    ),
    "set_language": Public(methods=("POST",)),
    "favicon": Public(),
    "wagtail_serve": Delegated(
        "Wagtail serves published pages to everyone; pages with view restrictions send people to allauth.",
        sample_paths=(
            Sample("/", status=200, redirect_to=None),
            Sample("/en/", status=200, redirect_to=None),
            Sample("/no-such-page/", status=404, redirect_to=None),
        ),
    ),
    "/_util/": Delegated(
        "Wagtail's front-end helpers: its login form is shadowed by a redirect to allauth's login; the page "
        "password form only works for pages with a password restriction (unknown ids are 404).",
        sample_paths=(
            "/_util/login/",
            Sample("/_util/login/", method="POST"),
            Sample("/_util/authenticate_with_password/999999/999999/", status=404, redirect_to=None),
            Sample(
                "/_util/authenticate_with_password/999999/999999/",
                method="POST",
                status=404,
                redirect_to=None,
            ),
        ),
    ),
}
