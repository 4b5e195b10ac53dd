"""Language selection for a site whose Wagtail pages are language-prefixed and whose application pages are not.

Django's ``LocaleMiddleware`` forces ``LANGUAGE_CODE`` on every path without a language prefix once
``i18n_patterns(prefix_default_language=False)`` is used, so ``/accounts/`` and ``/organisations/`` would always
be Japanese. Here the prefix rules only apply to the Wagtail page tree (``/`` is Japanese, ``/en/…`` English);
application pages follow the language cookie (set by the language switch) and then ``Accept-Language``.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, Resolver404, get_resolver
from django.utils import translation


def is_application_path(path: str, urlconf: str | None = None) -> bool:
    """Whether ``path`` resolves outside the language-prefixed (Wagtail page) part of the URL configuration."""
    relative = path.lstrip("/")
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern):
            continue
        try:
            if pattern.resolve(relative):
                return True
        except Resolver404:
            continue
    return False


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if translation.get_language_from_path(request.path_info) or not is_application_path(
            request.path_info, urlconf
        ):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return None
