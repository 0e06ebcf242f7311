"""Forms of the project pages: they parse and validate the input (limits kept here, once);
the services write."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import ActorKind
from kozkincs.projects.lifecycle import IdeaStatus, next_statuses
from kozkincs.projects.models import BUDGET_DIGITS, FundingCall
from kozkincs.projects.selectors import IdeaFilters
from kozkincs.projects.services import CALL_FIELDS
from kozkincs.strategy.models import StrategyPriority

LONG_TEXT = 10_000
"""Longest problem, goals, activities, target groups, progress text or comment (characters)."""
RELATED_RECORDS = 20

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _settlements():
    """The settlements of the home region (every settlement when it is not loaded)."""
    home = Settlement.objects.filter(memberships__region__key=settings.KOZKINCS_HOME_REGION)
    return (home if home.exists() else Settlement.objects).distinct().order_by("name")


class IdeaFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *IdeaStatus.choices]
    )
    priority = forms.TypedChoiceField(label=_("Strategy priority"), required=False, coerce=int)
    settlement = forms.ModelChoiceField(
        label=_("Settlement"), required=False, to_field_name="ksh_code",
        queryset=Settlement.objects.filter(project_ideas__isnull=False).distinct().order_by("name"),
    )  # fmt: skip
    call = forms.ModelChoiceField(
        label=_("Funding call"), required=False, queryset=FundingCall.objects.all()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [("", "—")] + [
            (p.number, str(p)) for p in StrategyPriority.objects.all()
        ]

    def filters(self) -> IdeaFilters:
        if not (self.is_bound and self.is_valid()):
            return IdeaFilters()
        data = self.cleaned_data
        return IdeaFilters(
            status=data["status"],
            priority=data["priority"] or None,
            settlement=data["settlement"].ksh_code if data["settlement"] else "",
            call=data["call"].pk if data["call"] else None,
        )


class IdeaForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead (who runs the project)"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=255)
    problem = forms.CharField(
        label=_("Problem: what is missing or wrong"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    goals = forms.CharField(
        label=_("Goals"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    activities = forms.CharField(
        label=_("Activities"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    target_groups = forms.CharField(
        label=_("Target groups"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    priorities = forms.ModelMultipleChoiceField(
        label=_("Strategy priorities"), required=False,
        queryset=StrategyPriority.objects.all(), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    settlements = forms.ModelMultipleChoiceField(
        label=_("Settlements"), required=False, to_field_name="ksh_code",
        queryset=Settlement.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    estimated_budget = forms.DecimalField(
        label=_("Estimated budget (HUF)"), required=False, min_value=0,
        max_digits=BUDGET_DIGITS, decimal_places=0,
    )  # fmt: skip
    funding_calls = forms.ModelMultipleChoiceField(
        label=_("Possible funding calls"), required=False, queryset=FundingCall.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    start_date = forms.DateField(label=_("Start"), required=False, **DATE)
    end_date = forms.DateField(label=_("End"), required=False, **DATE)
    related_records = forms.CharField(
        label=_("Related records"), required=False, max_length=500,
        help_text=_("Numbers of published records (e.g. the cultural centre to renovate), "
                    "separated by commas."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, leads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlements"].queryset = _settlements()
        if leads is None:
            del self.fields["lead"]
        else:
            self.fields["lead"].queryset = leads

    def clean_related_records(self) -> list[Record]:
        raw = [part.strip() for part in self.cleaned_data["related_records"].split(",")]
        numbers = [part for part in raw if part]
        if not all(part.isdigit() for part in numbers):
            raise forms.ValidationError(_("Give record numbers separated by commas."))
        if len(numbers) > RELATED_RECORDS:
            raise forms.ValidationError(
                _("At most %(count)d related records.") % {"count": RELATED_RECORDS}
            )
        ids = {int(n) for n in numbers}
        found = list(Record.objects.filter(pk__in=ids, status=Record.Status.PUBLISHED))
        missing = ids - {r.pk for r in found}
        if missing:
            raise forms.ValidationError(
                _("There is no published record number %(numbers)s.")
                % {"numbers": ", ".join(str(n) for n in sorted(missing))}
            )
        return found

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The project cannot end before it starts."))
        return data

    def idea_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("lead", None)
        data.pop("version", None)
        return data

    @staticmethod
    def initial_for(idea) -> dict:
        return {
            "title": idea.title, "problem": idea.problem, "goals": idea.goals,
            "activities": idea.activities, "target_groups": idea.target_groups,
            "priorities": list(idea.priorities.all()),
            "settlements": list(idea.settlements.all()),
            "estimated_budget": idea.estimated_budget,
            "funding_calls": list(idea.funding_calls.all()),
            "start_date": idea.start_date, "end_date": idea.end_date,
            "related_records": ", ".join(str(pk) for pk in
                                         idea.related_records.values_list("pk", flat=True)),
            "version": idea.version,
        }  # fmt: skip


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(IdeaStatus.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in next_statuses(idea.status)]


class InviteForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Partner to invite"), queryset=None)
    role = forms.CharField(label=_("Role in the project"), required=False, max_length=255)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), **DATE)
    text = forms.CharField(label=_("What happened"), max_length=LONG_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A progress update tells what already happened."))
        return value


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_date = forms.DateField(label=_("Due"), **DATE)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=LONG_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class EndorseForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Endorse as"), queryset=None)
    note = forms.CharField(label=_("Why we support it"), required=False, max_length=500)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors


class FundingCallForm(forms.Form):
    """A funding call; ``seen`` carries the call's ``updated_at`` from when the form opened."""

    programme = forms.CharField(
        label=_("Programme"), max_length=100, help_text=_("E.g. KÖZKINCS, LEADER, TOP, Erasmus+.")
    )
    name = forms.CharField(label=_("Name (Hungarian)"), max_length=255)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    description = forms.CharField(
        label=_("Description (Hungarian)"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    opens = forms.DateField(label=_("Opens"), required=False, **DATE)
    deadline = forms.DateField(label=_("Deadline"), **DATE)
    funding_rate = forms.DecimalField(
        label=_("Funding rate (%)"), required=False, max_digits=5, decimal_places=2,
        min_value=0, max_value=100,
    )  # fmt: skip
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Eligible applicants"), required=False, choices=ActorKind.choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any kind of actor."),
    )  # fmt: skip
    priorities = forms.ModelMultipleChoiceField(
        label=_("Strategy priorities"), required=False,
        queryset=StrategyPriority.objects.order_by("number"), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    url = forms.URLField(label=_("Web address"), required=False, max_length=200)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.new = new

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.new and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline has passed: a new call needs a later one."))
        return deadline

    @staticmethod
    def initial_for(call: FundingCall) -> dict:
        return {
            **{name: getattr(call, name) for name in CALL_FIELDS},
            "priorities": list(call.priorities.all()), "seen": call.updated_at.isoformat(),
        }  # fmt: skip
