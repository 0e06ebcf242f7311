from django import forms
from django.utils.translation import gettext_lazy as _

from kozkincs.core.forms import HoneypotMixin


class ContactForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The person sees it and can answer you; nobody else does."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
