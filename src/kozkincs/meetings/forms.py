"""Forms of the roundtable pages: they parse and validate input; the services write."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.editing.forms import rich_text_widget
from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.selectors import HomeRegionNotFound, home_region_get, region_settlements
from kozkincs.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesSection,
    Participant,
    Visibility,
)
from kozkincs.network.models import Actor
from kozkincs.projects.models import ProjectIdea
from kozkincs.strategy.models import StrategyPriority

VENUE_CATALOGS = ("cultural-centres",)
"""Records that can be a meeting's venue: cultural centres, libraries, community houses."""
MAX_DURATION_MINUTES = 600
RESPONSIBLE_REQUIRED = _("Every decision needs a responsible actor: choose one.")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _settlements():
    try:
        return region_settlements(region=home_region_get()).order_by("name")
    except HomeRegionNotFound:
        return Settlement.objects.order_by("name")


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput)
    venue = forms.ModelChoiceField(
        label=_("Venue"), required=False, queryset=Record.objects.none(),
        help_text=_("A cultural centre or library of the catalog."),
    )  # fmt: skip
    venue_text = forms.CharField(
        label=_("Other venue"), required=False, max_length=255,
        help_text=_("Where it is, when the venue has no record (an address, a room)."),
    )  # fmt: skip
    settlement = forms.ModelChoiceField(
        label=_("Settlement"), required=False, queryset=Settlement.objects.none(),
        help_text=_("Taken from the venue's record when left empty."),
    )  # fmt: skip
    description = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea)
    priorities = forms.ModelMultipleChoiceField(
        label=_("Strategy priorities"), required=False,
        queryset=StrategyPriority.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Record.objects.filter(
            catalog__in=VENUE_CATALOGS, status=Record.Status.PUBLISHED
        ).order_by("name")
        self.fields["settlement"].queryset = _settlements()

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        return {
            "title": meeting.title, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
            "venue": meeting.venue_id, "venue_text": meeting.venue_text,
            "settlement": meeting.settlement_id, "description": meeting.description,
            "priorities": list(meeting.priorities.all()), "status": meeting.status,
        }  # fmt: skip


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), required=False, min_value=1, max_value=MAX_DURATION_MINUTES
    )
    parent = forms.ModelChoiceField(
        label=_("Sub-item of"), required=False, queryset=AgendaItem.objects.none(),
        empty_label=_("— a main item —"),
    )  # fmt: skip
    project_ideas = forms.ModelMultipleChoiceField(
        label=_("Project ideas discussed"), required=False,
        queryset=ProjectIdea.objects.order_by("title"),
    )  # fmt: skip

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, prefix="agenda", **kwargs)
        self.fields["parent"].queryset = meeting.agenda_items.filter(parent=None).order_by(
            "position", "id"
        )


class ParticipantForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Actor"), required=False, queryset=Actor.objects.none())
    account = forms.CharField(
        label=_("Or an account (user name or e-mail address)"), required=False, max_length=254
    )
    attended = forms.BooleanField(label=_("Attended"), required=False)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, prefix="participant", **kwargs)
        self.fields["actor"].queryset = actors

    def clean(self):
        data = super().clean()
        account = (data.get("account") or "").strip()
        data["user"] = None
        if account:
            users = get_user_model().objects.filter(
                Q(username__iexact=account) | Q(email__iexact=account), is_active=True
            )
            if users.count() != 1:
                raise forms.ValidationError(
                    _("No single active account has this user name or e-mail address.")
                )
            data["user"] = users.get()
        if (data.get("actor") is None) == (data["user"] is None):
            raise forms.ValidationError(_("Choose either an actor or an account to invite."))
        return data


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("Attended"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, participants: list[Participant], **kwargs):
        super().__init__(*args, prefix="attendance", **kwargs)
        self.fields["attended"].choices = [(p.pk, p.name) for p in participants]
        self.fields["attended"].initial = [p.pk for p in participants if p.attended]


class MinutesSectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=200)
    body = forms.CharField(label=_("Text"), required=False, widget=rich_text_widget())
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="minutes", **kwargs)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("PDF document"))
    title = forms.CharField(label=_("Title"), max_length=200)
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="document", **kwargs)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelChoiceField(
        label=_("Responsible actor"), queryset=Actor.objects.none(),
        error_messages={"required": RESPONSIBLE_REQUIRED},
    )  # fmt: skip
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Decision.Status.choices, initial=Decision.Status.OPEN
    )
    project_ideas = forms.ModelMultipleChoiceField(
        label=_("Project ideas discussed"), required=False,
        queryset=ProjectIdea.objects.order_by("title"),
    )  # fmt: skip

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, prefix="decision", **kwargs)
        self.fields["responsible"].queryset = actors

    @staticmethod
    def initial_for(decision: Decision) -> dict:
        return {
            "text": decision.text, "responsible": decision.responsible_id,
            "deadline": decision.deadline, "status": decision.status,
            "project_ideas": list(decision.project_ideas.all()),
        }  # fmt: skip


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Decision.Status.choices)


# --- corrections (changes.py): the add forms with the version the form was opened with ---


def _version_field():
    return forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class AgendaItemEditForm(AgendaItemForm):
    version = _version_field()

    def __init__(self, *args, item: AgendaItem, **kwargs):
        super().__init__(*args, meeting=item.meeting, **kwargs)
        parents = self.fields["parent"].queryset.exclude(pk=item.pk)
        self.fields["parent"].queryset = parents

    @staticmethod
    def initial_for(item: AgendaItem) -> dict:
        return {
            "title": item.title, "duration_minutes": item.duration_minutes,
            "parent": item.parent_id, "project_ideas": list(item.project_ideas.all()),
            "version": item.version,
        }  # fmt: skip


class ParticipantEditForm(forms.Form):
    invited = forms.BooleanField(label=_("Invited"), required=False)
    attended = forms.BooleanField(label=_("Attended"), required=False)
    version = _version_field()

    def __init__(self, *args, item: Participant, **kwargs):
        super().__init__(*args, prefix="participant", **kwargs)

    @staticmethod
    def initial_for(item: Participant) -> dict:
        return {"invited": item.invited, "attended": item.attended, "version": item.version}


class MinutesSectionEditForm(MinutesSectionForm):
    version = _version_field()

    def __init__(self, *args, item: MinutesSection, **kwargs):
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(item: MinutesSection) -> dict:
        return {"heading": item.heading, "body": item.body, "visibility": item.visibility,
                "version": item.version}  # fmt: skip


class DocumentEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Visibility.choices)
    version = _version_field()

    def __init__(self, *args, item: MeetingDocument, **kwargs):
        super().__init__(*args, prefix="document", **kwargs)

    @staticmethod
    def initial_for(item: MeetingDocument) -> dict:
        return {"title": item.title, "visibility": item.visibility, "version": item.version}


class DeleteForm(forms.Form):
    version = _version_field()


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
