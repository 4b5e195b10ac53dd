"""Language selection for a site whose Wagtail pages are language-prefixed and whose application pages are not.

Django's ``LocaleMiddleware`` forces ``LANGUAGE_CODE`` on every path without a language prefix once
``i18n_patterns(prefix_default_language=False)`` is used, so ``/accounts/`` and ``/organisations/`` would always
be Japanese. Here the prefix rules only apply to the Wagtail page tree (``/`` is Japanese, ``/en/…`` English);
application pages follow the language cookie (set by the language switch) and then ``Accept-Language``.

Which part of the URL configuration a path belongs to is read from the match Django made anyway
(``process_view``), never by resolving the path a second time. Until then the default rules hold: the Wagtail
tree must be resolved with the default language active (its unprefixed patterns belong to it), and the
application patterns do not depend on the language. A response made before any view is chosen (a malformed
request refused by ``CleanInputMiddleware``) is therefore in the default language.
"""

from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, ResolverMatch
from django.utils import translation


def is_application_match(match: ResolverMatch) -> bool:
    """Whether ``match`` was found outside the language-prefixed (Wagtail page) part of the URL configuration.

    On a successful match Django's ``tried`` ends with the chain of patterns that matched, outermost first.
    """
    chain = match.tried[-1] if match.tried else []
    return not any(isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern) for pattern in chain)


class LanguageMiddleware(LocaleMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        """An application page without a language prefix: the visitor's language instead of the default one."""
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or translation.get_language_from_path(request.path_info)
            or not is_application_match(match)
        ):
            return None
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return None
