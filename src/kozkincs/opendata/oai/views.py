"""The OAI-PMH endpoint: GET or POST (form-encoded) to ``/oai``."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kozkincs.opendata.links import SiteLinks
from kozkincs.opendata.oai.protocol import OaiError, OaiRequest, request_parse
from kozkincs.opendata.oai.responses import answer_document, error_document
from kozkincs.opendata.oai.verbs import HANDLERS, Repository

CONTENT_TYPE = "text/xml; charset=utf-8"


def _repository(request: HttpRequest) -> Repository:
    origin = request.build_absolute_uri("/").rstrip("/")
    domain = settings.KOZKINCS_OAI_REPOSITORY_IDENTIFIER or split_domain_port(request.get_host())[0]
    return Repository(origin + reverse("opendata:oai"), domain, SiteLinks(origin))


@csrf_exempt  # harvesters POST without cookies; nothing here changes state
@require_http_methods(["GET", "HEAD", "POST"])
def oai_endpoint(request: HttpRequest) -> HttpResponse:
    repository = _repository(request)
    params = request.POST if request.method == "POST" else request.GET
    oai_request: OaiRequest | None = None
    try:
        oai_request = request_parse(params)
        body = HANDLERS[oai_request.verb](repository, oai_request.arguments)
        document = answer_document(repository.base_url, oai_request, body)
    except OaiError as error:
        document = error_document(repository.base_url, oai_request, error)
    return HttpResponse(document, content_type=CONTENT_TYPE)
