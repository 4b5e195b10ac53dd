from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .probes import probe_all, summary


def _presented_token(request: HttpRequest) -> str:
    """The token in ``Authorization: Bearer …`` or ``X-Health-Token``, or ``""``."""
    authorization = request.headers.get("Authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-Health-Token", "").strip()


def may_see_details(request: HttpRequest) -> bool:
    """Staff, or a caller presenting ``HEALTHZ_TOKEN`` (compared in constant time; no token set: staff only)."""
    if request.user.is_authenticated and request.user.is_staff:
        return True
    expected = settings.HEALTHZ_TOKEN
    presented = _presented_token(request)
    return bool(expected and presented) and constant_time_compare(presented, expected)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database, the channel layer and Elasticsearch all answer; 503 naming the ones that do not.

    Anyone may ask (load balancers do not log in), but only staff and holders of ``HEALTHZ_TOKEN`` learn more than
    which parts are up: vendors, backends and versions help an attacker pick an exploit.
    """
    report = probe_all()
    status = 200 if report["status"] == "ok" else 503
    return JsonResponse(report if may_see_details(request) else summary(report), status=status)


@never_cache
@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    """200 while the process answers, asking no service: a supervisor restarts a worker that stops answering this.

    ``/healthz`` says whether the worker can serve (database, channel layer, Elasticsearch); this says only that it
    is alive, so an outage of a shared service does not get every worker restarted. Having no work of its own, it
    is also the hello-world reference of ``bench/pages.py``: the rate the middleware stack alone allows.
    """
    return HttpResponse("ok", content_type="text/plain")
