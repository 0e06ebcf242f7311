"""Forms of the network pages: they parse and validate; the services write."""

from django import forms
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
