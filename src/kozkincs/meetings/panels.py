"""The roundtable's panel of the "My network" page: the open decisions of the member's actors
(registered with :func:`kozkincs.network.panels.register_my_network_panel`)."""

from django.utils import timezone

from kozkincs.meetings.forms import DecisionStatusForm
from kozkincs.meetings.selectors import decisions_of_user
from kozkincs.network.panels import Panel


def open_decisions_panel(user) -> Panel:
    return Panel(
        "meetings/_my_decisions.html",
        {
            "decisions": decisions_of_user(user),
            "today": timezone.localdate(),
            "status_form": DecisionStatusForm(),
        },
    )
