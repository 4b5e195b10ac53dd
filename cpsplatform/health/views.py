from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .probes import probe_all


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database, the channel layer and Elasticsearch all answer; 503 naming the ones that do not."""
    report = probe_all()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
