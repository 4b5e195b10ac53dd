from allauth.account.views import logout as allauth_logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods


def login_elsewhere(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's own login forms (admin and front end) send people to allauth's, keeping ``next``.

    Only allauth's form logs anyone in, so its rate limits and e-mail verification apply everywhere.
    """
    url = reverse("account_login")
    next_url = request.GET.get("next")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@require_http_methods(["GET", "POST"])
def cms_logout(request: HttpRequest) -> HttpResponse:
    """Wagtail's logout URL, routed ahead of Wagtail's own view, which ends the session even on a GET it refuses.

    A GET (a cross-site ``<img>`` can send one) only leads to allauth's confirmation page and touches nothing;
    the POST is allauth's logout, so the CSRF middleware has checked the token before the session ends.
    """
    if request.method == "GET":
        return HttpResponseRedirect(reverse("account_logout"))
    return allauth_logout(request)
