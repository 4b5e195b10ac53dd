from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


def login_elsewhere(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's own login forms (admin and front end) send people to allauth's, keeping ``next``.

    Only allauth's form logs anyone in, so its rate limits and e-mail verification apply everywhere.
    """
    url = reverse("account_login")
    next_url = request.GET.get("next")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)
