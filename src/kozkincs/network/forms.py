"""Forms of the network pages: they parse and validate; the services write."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import ActorKind, OfferKind, TieKind
from kozkincs.network.models import Actor, ActorOffer, Visibility
from kozkincs.strategy.models import StrategyPriority

OFFER_LINES = 8
"""How many offer/need lines the profile form shows (empty ones are ignored)."""


class TableFilterForm(forms.Form):
    settlement = forms.ModelChoiceField(
        label=_("Settlement"), required=False, to_field_name="ksh_code",
        queryset=Settlement.objects.filter(network_actors__isnull=False).distinct().order_by("name"),
    )  # fmt: skip
    priority = forms.TypedChoiceField(label=_("Strategy priority"), required=False, coerce=int)
    kind = forms.ChoiceField(
        label=_("Kind of actor"), required=False, choices=[("", "—"), *ActorKind.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)

    def __init__(self, *args, years: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [("", "—")] + [
            (p.number, str(p)) for p in StrategyPriority.objects.all()
        ]
        self.fields["year"].choices = [("", "—")] + [(y, str(y)) for y in years]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        settlement = data.get("settlement")
        return {
            "settlement": settlement.ksh_code if settlement else "",
            "priority": data.get("priority") or None,
            "kind": data.get("kind") or "",
            "year": data.get("year") or None,
        }


class TieForm(forms.Form):
    """A tie from the actor of the page (``proposer``) to another visible actor."""

    other = forms.ModelChoiceField(label=_("With"), queryset=Actor.objects.none())
    kind = forms.ChoiceField(label=_("Kind of tie"), choices=TieKind.choices)
    reversed_direction = forms.BooleanField(
        label=_("The other actor is the first side (e.g. it operates us, we are its member)"),
        required=False,
    )
    start_date = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_record = forms.ModelChoiceField(
        label=_("Evidence: a record"), required=False,
        queryset=Record.objects.filter(status=Record.Status.PUBLISHED),
        widget=forms.NumberInput, help_text=_("The number of a published record (optional)."),
    )  # fmt: skip
    evidence_text = forms.CharField(label=_("Evidence"), required=False, max_length=500)
    evidence_url = forms.URLField(label=_("Evidence: web address"), required=False)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = actors


class InterviewForm(TieForm):
    """The coordinator's form: both sides chosen, the tie confirmed as reported."""

    proposer = forms.ModelChoiceField(label=_("Actor"), queryset=Actor.objects.none())
    field_order = ["proposer", "other"]

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, actors=actors, **kwargs)
        self.fields["proposer"].queryset = actors


class ProfileForm(forms.Form):
    description = forms.CharField(
        label=_("What the actor does (Hungarian)"), required=False, widget=forms.Textarea
    )
    description_en = forms.CharField(
        label=_("What the actor does (English)"), required=False, widget=forms.Textarea
    )
    themes = forms.CharField(
        label=_("Themes"), required=False, max_length=1000,
        help_text=_("Comma separated, e.g. folk dance, local history."),
    )  # fmt: skip
    priorities = forms.ModelMultipleChoiceField(
        label=_("Strategy priorities of interest"), required=False,
        queryset=StrategyPriority.objects.all(), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    settlements_served = forms.ModelMultipleChoiceField(
        label=_("Settlements served"), required=False, to_field_name="ksh_code",
        queryset=Settlement.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    consent = forms.BooleanField(label=_("I consent to publication"), required=False)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices)

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        if actor.kind != ActorKind.PERSON:
            del self.fields["consent"]
            del self.fields["visibility"]
        for n in range(OFFER_LINES):
            self.fields[f"offer_{n}_direction"] = forms.ChoiceField(
                label=_("Offer or need"), required=False,
                choices=[("", "—"), *ActorOffer.Direction.choices],
            )  # fmt: skip
            self.fields[f"offer_{n}_kind"] = forms.ChoiceField(
                label=_("Kind"), required=False, choices=[("", "—"), *OfferKind.choices]
            )
            self.fields[f"offer_{n}_text"] = forms.CharField(
                label=_("Details"), required=False, max_length=500
            )

    def offer_rows(self):
        return [
            [self[f"offer_{n}_{part}"] for part in ("direction", "kind", "text")]
            for n in range(OFFER_LINES)
        ]

    def clean(self):
        data = super().clean()
        for n in range(OFFER_LINES):
            direction, kind = data.get(f"offer_{n}_direction"), data.get(f"offer_{n}_kind")
            if bool(direction) != bool(kind):
                self.add_error(
                    f"offer_{n}_kind", _("Give both whether it is an offer or a need and its kind.")
                )
        return data

    def offers(self) -> list[tuple[str, str, str]]:
        data = self.cleaned_data
        return [
            (data[f"offer_{n}_direction"], data[f"offer_{n}_kind"], data[f"offer_{n}_text"])
            for n in range(OFFER_LINES)
            if data.get(f"offer_{n}_direction") and data.get(f"offer_{n}_kind")
        ]

    @staticmethod
    def initial_for(actor: Actor) -> dict:
        initial = {
            "description": actor.description,
            "description_en": actor.description_en,
            "themes": ", ".join(actor.themes),
            "priorities": list(actor.priorities.all()),
            "settlements_served": list(actor.settlements_served.all()),
            "consent": actor.consent,
            "visibility": actor.visibility,
        }
        for n, offer in enumerate(actor.offers.all()[:OFFER_LINES]):
            initial |= {f"offer_{n}_direction": offer.direction, f"offer_{n}_kind": offer.kind,
                        f"offer_{n}_text": offer.text}  # fmt: skip
        return initial


class TextListInput(forms.TextInput):
    """One text box; a repeated parameter (``?theme=a&theme=b``) is read as a list."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def format_value(self, value):
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        return super().format_value(value)


class TextListField(forms.Field):
    """Comma-separated or repeated short texts (themes)."""

    widget = TextListInput
    MAX_ITEMS = 20
    MAX_LENGTH = 100

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value or ""]
        items = [part.strip() for v in values for part in str(v).split(",") if part.strip()]
        if len(items) > self.MAX_ITEMS or any(len(i) > self.MAX_LENGTH for i in items):
            raise forms.ValidationError(
                _("Give at most %(count)d themes of at most %(length)d characters each."),
                params={"count": self.MAX_ITEMS, "length": self.MAX_LENGTH},
            )
        return list(dict.fromkeys(items))


class IdListField(forms.Field):
    """Repeated actor ids (hidden)."""

    widget = forms.MultipleHiddenInput
    MAX_ITEMS = 50

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        if len(values) > self.MAX_ITEMS or not all(str(v).isdigit() for v in values):
            raise forms.ValidationError(_("The actors to leave out are not valid."))
        return sorted({int(v) for v in values})


class PartnerFinderForm(forms.Form):
    """The partner finder's wishes; the projects' pages link here with the same parameters."""

    priority = forms.TypedMultipleChoiceField(
        label=_("Strategy priorities"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    theme = TextListField(
        label=_("Themes"), required=False,
        help_text=_("Comma separated, e.g. folk dance, local history."),
    )  # fmt: skip
    need = forms.MultipleChoiceField(
        label=_("We need"), required=False, choices=OfferKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    settlement = forms.ModelMultipleChoiceField(
        label=_("Near these settlements"), required=False, to_field_name="ksh_code",
        queryset=Settlement.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip
    exclude = IdListField(required=False)
    idea = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    weaker = forms.BooleanField(required=False, widget=forms.HiddenInput)

    PARAMETERS = ("priority", "theme", "need", "settlement", "exclude", "idea", "weaker")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [
            (p.number, str(p)) for p in StrategyPriority.objects.all()
        ]
        asked = self.data.getlist("settlement") if hasattr(self.data, "getlist") else []
        self.fields["settlement"].queryset = (
            Settlement.objects.filter(Q(network_actors__isnull=False) | Q(ksh_code__in=asked))
            .only("id", "ksh_code", "name", "lat", "lon")
            .distinct()
            .order_by("name")
        )

    def options(self, name: str) -> list[tuple[str, str, bool]]:
        """(value, label, chosen) of a multiple-choice field, for the page's own light
        rendering of the form (Django's widget templates cost tens of ms per request)."""
        chosen = {str(v) for v in (self[name].value() or ())}
        if name == "settlement":
            pairs = self.fields[name].queryset.values_list("ksh_code", "name")
        else:
            pairs = self.fields[name].choices
        return [(str(value), str(label), str(value) in chosen) for value, label in pairs]


class ContactRequestForm(forms.Form):
    from_actor = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Actor.objects.none(), required=False,
        empty_label=_("myself"),
    )  # fmt: skip
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Say who you are and what you would do together. Your e-mail address is "
                    "shown only to whoever answers you; theirs stays hidden."),
    )  # fmt: skip
    idea = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, own_actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_actor"].queryset = Actor.objects.filter(pk__in=[a.pk for a in own_actors])
        if own_actors:
            self.fields["from_actor"].initial = own_actors[0].pk
