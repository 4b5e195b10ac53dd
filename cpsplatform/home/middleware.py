"""Language selection for a site whose Wagtail pages are language-prefixed and whose application pages are not.

Django's ``LocaleMiddleware`` forces ``LANGUAGE_CODE`` on every path without a language prefix once
``i18n_patterns(prefix_default_language=False)`` is used, so ``/accounts/`` and ``/organisations/`` would always
be Japanese. Here the prefix rules only apply to the Wagtail page tree (``/`` is Japanese, ``/en/…`` English);
application pages follow the language cookie (set by the language switch) and then ``Accept-Language``.

No URL is resolved twice for this. Before resolution the path is compared with the literal prefixes of the
application patterns (read once from the URL configuration), so that what answers before any view (a malformed
request refused by ``CleanInputMiddleware``) is already in the visitor's language; once Django has resolved the
path, the match it made decides (``process_view``).
"""

from functools import cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, ResolverMatch, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import translation


@cache
def application_prefixes(urlconf: str) -> tuple[str, ...]:
    """The literal beginnings of the application (not language-prefixed) routes: ``accounts/``, ``healthz``…"""
    prefixes: list[str] = []

    def walk(patterns, base: str) -> None:
        for pattern in patterns:
            route = getattr(pattern, "pattern", None)
            if isinstance(route, LocalePrefixPattern) or not isinstance(route, RoutePattern):
                continue
            literal = base + str(route).split("<", 1)[0]
            if literal == base and hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, base)
            elif literal:
                prefixes.append(literal)

    walk(get_resolver(urlconf).url_patterns, "")
    return tuple(prefixes)


def is_application_path(path: str, urlconf: str) -> bool:
    """A first guess, before resolution: ``path`` starts like an application route."""
    return path.lstrip("/").startswith(application_prefixes(urlconf))


def is_application_match(match: ResolverMatch) -> bool:
    """Whether ``match`` was found outside the language-prefixed (Wagtail page) part of the URL configuration.

    On a successful match Django's ``tried`` ends with the chain of patterns that matched, outermost first.
    """
    chain = match.tried[-1] if match.tried else []
    return not any(isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern) for pattern in chain)


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if translation.get_language_from_path(request.path_info) or not is_application_path(
            request.path_info, urlconf
        ):
            return super().process_request(request)
        self._use_visitors_language(request)
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The match decides: an application page in the visitor's language, a Wagtail page by its prefix."""
        match = getattr(request, "resolver_match", None)
        if match is None or translation.get_language_from_path(request.path_info):
            return None
        if is_application_match(match):
            self._use_visitors_language(request)
        else:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
        return None

    @staticmethod
    def _use_visitors_language(request) -> None:
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
