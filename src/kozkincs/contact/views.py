"""The relay form of a person listed in a record."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kozkincs.catalog.models import Record
from kozkincs.contact.forms import ContactForm
from kozkincs.contact.selectors import record_contact
from kozkincs.contact.services import contact_message_send


@never_cache
@require_http_methods(["GET", "POST"])
def contact_form(request: HttpRequest, record_id: int, contact_key: str) -> HttpResponse:
    record = get_object_or_404(Record, pk=record_id, status=Record.Status.PUBLISHED)
    contact = record_contact(record=record, key=contact_key)
    if contact is None:
        raise Http404(_("This person cannot be contacted through the portal."))
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_robot():
            form.add_error(None, _("The message was not sent: a hidden field had a value."))
            status = 400
        elif form.is_valid():
            try:
                contact_message_send(
                    record=record,
                    contact_key=contact.key,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                    sender=request.META.get("REMOTE_ADDR", ""),
                )
            except ValidationError as error:
                for key, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(key if key in form.fields else None, problem)
            else:
                return redirect("contact:contact_sent", record_id=record.pk)
        status = 400
    else:
        form = ContactForm()
    context = {"record": record, "contact": contact, "form": form}
    return render(request, "contact/form.html", context, status=status)


def contact_sent(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(Record, pk=record_id, status=Record.Status.PUBLISHED)
    return render(request, "contact/sent.html", {"record": record})
