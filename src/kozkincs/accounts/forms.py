"""The administrators' forms: granting a role, searching accounts.

Settlements are typed (names or KSH codes, comma separated) and the organisation record is
given by its number: no page ever lists the whole gazetteer or catalog in one ``<select>``.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kozkincs.accounts.models import Role
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_list
from kozkincs.core.i18n import localized_text
from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.names import fold_name


class AccountSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("E-mail address or name"), required=False, max_length=200
    )


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    catalogs = forms.MultipleChoiceField(
        label=gettext_lazy("Catalogs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Editors and moderators: none ticked means every catalog."),
    )
    settlements = forms.CharField(
        label=gettext_lazy("Settlements"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy(
            "Names or KSH codes, separated by commas (e.g. Bagod, Zalaegerszeg). "
            "Empty means every settlement."
        ),
    )
    record = forms.IntegerField(
        label=gettext_lazy("Organisation record number"),
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "Organisation members only: the number in the record's short link (/r/123/)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogs"].choices = [(c.key, localized_text(c.label)) for c in catalog_list()]

    def clean_settlements(self) -> list[Settlement]:
        found, unknown = [], []
        for part in self.cleaned_data["settlements"].split(","):
            name = part.strip()
            if not name:
                continue
            lookup = {"ksh_code": name} if name.isdigit() else {"name_folded": fold_name(name)}
            settlements = list(Settlement.objects.defer("boundary").filter(**lookup)[:2])
            if len(settlements) == 1:
                found.append(settlements[0])
            else:
                unknown.append(name)
        if unknown:
            raise forms.ValidationError(
                _("No single settlement is called: %(names)s. Try its KSH code.")
                % {"names": ", ".join(unknown)}
            )
        return found

    def clean_record(self) -> Record | None:
        record_id = self.cleaned_data["record"]
        if record_id is None:
            return None
        record = Record.objects.filter(pk=record_id).only("id", "name", "catalog").first()
        if record is None:
            raise forms.ValidationError(_("There is no record with this number."))
        return record
