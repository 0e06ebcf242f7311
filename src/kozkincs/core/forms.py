"""Form pieces shared by the public forms that anyone may send."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard and screen readers); robots
    that fill in every field give themselves away through :meth:`is_robot`."""

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_robot(self) -> bool:
        return bool(self.data.get(self.add_prefix("homepage")))
