"""The downloads (``/opendata/<catalog>.<format>``, ``/opendata/records.<format>``) and the
public open-data page that lists them."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from kozkincs.core.i18n import CONTENT_LANGUAGES, current_language
from kozkincs.core.parameters import InvalidParameter
from kozkincs.opendata.exports.datasets import dataset_list
from kozkincs.opendata.exports.downloads import ExportNotFound, export_request, export_stream
from kozkincs.search.cache import public_read


def _problem(request: HttpRequest, message: str, status: int, parameter: str = "") -> HttpResponse:
    context = {"message": message, "parameter": parameter}
    return render(request, "opendata/export_problem.html", context, status=status)


def _download(request: HttpRequest, catalog: str | None, format_key: str) -> HttpResponse:
    asked = request.GET.get("lang", "")
    language = asked if asked in CONTENT_LANGUAGES else current_language()
    with translation.override(language):
        try:
            export = export_request(catalog_key=catalog, format_key=format_key, params=request.GET)
        except InvalidParameter as error:
            return _problem(request, error.message, 400, error.parameter)
        except ExportNotFound as error:
            return _problem(request, error.message, 404)
    origin = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        export_stream(export, origin=origin), content_type=export.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Content-Language"] = export.language
    patch_cache_control(response, no_cache=True)
    return response


@require_safe
def catalog_download(request: HttpRequest, catalog: str, format_key: str) -> HttpResponse:
    return _download(request, catalog, format_key)


@require_safe
def region_download(request: HttpRequest, format_key: str) -> HttpResponse:
    return _download(request, None, format_key)


@public_read
@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/open_data.html", {"datasets": dataset_list()})
