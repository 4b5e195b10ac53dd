from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cpsplatform.accounts.views import cms_logout, login_elsewhere
from cpsplatform.home.views import favicon

urlpatterns = [
    path("", include("cpsplatform.health.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("accounts/", include("cpsplatform.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("organisations/", include("cpsplatform.organisations.urls")),
    path("discussions/", include("cpsplatform.discussions.urls")),
    path("notifications/", include("cpsplatform.notifications.urls")),
    path("marketplace/", include("marketplace.urls")),
    path("events/", include("events.urls")),
    path("matching/", include("matching.urls")),
    path("search/", include("search.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Every login goes through allauth (its rate limits, mandatory e-mail verification), Wagtail's admin included.
    # Wagtail is the one staff admin; the Django admin is not installed.
    path("cms/login/", login_elsewhere, name="cms_login"),
    # Ahead of Wagtail's logout view, which clears the session even when it refuses a GET: only a POST logs out.
    path("cms/logout/", cms_logout, name="cms_logout"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail pages last: Japanese at /, English under /en/.
urlpatterns += i18n_patterns(
    path("_util/login/", login_elsewhere, name="wagtail_frontend_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
