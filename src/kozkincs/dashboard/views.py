"""The strategy dashboard's pages: thin views over the selectors, services and forms."""

import hashlib

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.core.i18n import current_language
from kozkincs.dashboard.export import dashboard_csv
from kozkincs.dashboard.forms import IndicatorValueForm
from kozkincs.dashboard.permissions import can_record_values
from kozkincs.dashboard.selectors import dashboard_get, dashboard_stamp
from kozkincs.dashboard.tasks import indicators_compute_task
from kozkincs.search.cache import public_etag
from kozkincs.strategy.selectors import indicator_get, priority_list
from kozkincs.strategy.services import indicator_value_add


def dashboard_etag(request: HttpRequest, *args, **kwargs) -> str | None:
    """The public ``ETag``: the records' data version (``public_etag``) and what else the
    dashboard shows (strategy versions, actors, network figures)."""
    etag = public_etag(request, *args, **kwargs)
    if etag is None:
        return None
    stamp = hashlib.blake2b(dashboard_stamp().encode(), digest_size=8).hexdigest()
    return quote_etag(f"{etag.strip('"')}-{stamp}")


def _context(request: HttpRequest, **extra) -> dict:
    return {"can_record": can_record_values(request.user), **extra}


@require_GET
def dashboard_index(request: HttpRequest) -> HttpResponse:
    context = _context(request, dashboard=dashboard_get(), overview=True)
    return render(request, "dashboard/index.html", context)


@require_GET
def dashboard_priority(request: HttpRequest, number: int) -> HttpResponse:
    if not priority_list().filter(number=number).exists():
        raise Http404(_("There is no such priority."))
    context = _context(request, dashboard=dashboard_get(priority_number=number), overview=False)
    return render(request, "dashboard/index.html", context)


@require_GET
def dashboard_print(request: HttpRequest) -> HttpResponse:
    context = _context(request, dashboard=dashboard_get(), overview=True, printable=True)
    return render(request, "dashboard/print.html", context)


@require_GET
def dashboard_export(request: HttpRequest) -> HttpResponse:
    body = b"".join(dashboard_csv(dashboard_get(), language=current_language()))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kozkincs-strategia.csv"'
    return response


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "dashboard/forbidden.html", status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def indicator_value_new(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = indicator_get(indicator_id=indicator_id)
    if indicator is None:
        raise Http404(_("There is no such indicator."))
    if not can_record_values(request.user):
        return _refused(request)
    form = IndicatorValueForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_value_add(indicator=indicator, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(key if key in form.fields else None, problem)
        else:
            messages.success(request, _("The value was recorded."))
            return redirect("dashboard:priority", number=indicator.goal.priority.number)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "indicator": indicator}
    return render(request, "dashboard/value_form.html", context, status=status)


@require_POST
def indicators_compute_now(request: HttpRequest) -> HttpResponse:
    if not can_record_values(request.user):
        return _refused(request)
    indicators_compute_task.enqueue()
    messages.success(request, _("The computed indicators are being recomputed."))
    return redirect("dashboard:index")
