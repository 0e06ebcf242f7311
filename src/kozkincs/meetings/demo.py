"""The roundtable's first real meeting as demo data (registered with ``kozkincs load_demo``,
run after the network's loader): 13 May 2010, József Attila City Library, Zalaegerszeg, where
the roundtable reviewed its work (docs: the founding story). The date, the place and the results
named on the agenda are the seed's; the hours, the agenda's wording, the attendance (the demo
actors) and the decisions are invented and say so. Idempotent: a second run creates nothing.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.meetings.models import Meeting, Visibility
from kozkincs.meetings.services import (
    agenda_item_add,
    attendance_record,
    decision_create,
    meeting_create,
    minutes_section_add,
    participant_add,
)
from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import Actor
from kozkincs.strategy.models import StrategyPriority

BUDAPEST = ZoneInfo("Europe/Budapest")
MEETING_DAY = date(2010, 5, 13)
LIBRARY_NAME = "József Attila Városi Könyvtár (demó)"
HOST_SETTLEMENT = "32054"  # Zalaegerszeg

TITLE = "A Közkincs-kerekasztal munkájának értékelése"
DESCRIPTION = (
    "A kerekasztal tagjai értékelik a 2009 óta végzett munkát, és összegyűjtik a témákat, "
    "amelyekkel a Társulás a következő KÖZKINCS-pályázatán indulhat. (Demó: a napirend "
    "szövege, az időpont órái, a jelenlét és a határozatok kitaláltak.)"
)
# (title, minutes, sub-items as (title, minutes))
AGENDA = [
    ("Megnyitó, a napirend elfogadása", 10, []),
    ("A kerekasztal 2009-2010-es munkájának értékelése", None, [
        ("A kistérség kulturális helyzetelemzése és stratégiája öt prioritással", 20),
        ("A kistérség kulturális szolgáltatásjegyzéke", 10),
        ("A kilenc tematikus adatbázis közzététele a weben", 15),
    ]),
    ("Témák a következő KÖZKINCS-pályázathoz", 45, []),
    ("Egyebek", 10, []),
]  # fmt: skip
MINUTES = [
    (
        "Összefoglaló",
        "<p>A kerekasztal áttekintette eredményeit: elkészült a kistérség kulturális "
        "helyzetelemzése és stratégiája öt prioritással, a kulturális szolgáltatásjegyzék, "
        "és a kilenc tematikus adatbázis a weben. A tagok összegyűjtötték a következő "
        "KÖZKINCS-pályázat lehetséges témáit.</p><p>(Demó: a szöveg kitalált összefoglaló.)</p>",
        Visibility.PUBLIC,
    ),
    (
        "Megjegyzések a tagoknak",
        "<p>Demó: tagoknak szóló, kitalált belső megjegyzés a következő adatgyűjtés "
        "beosztásáról.</p>",
        Visibility.MEMBERS,
    ),
]
# (text, responsible: "library" or "municipality", deadline, status)
DECISIONS = [
    (
        "A következő KÖZKINCS-pályázat témáit a tagok javaslatai alapján összesítjük, és a "
        "Társulás elé terjesztjük. (Demó határozat.)",
        "municipality", date(2010, 6, 30), "done",
    ),
    (
        "A kistérségi kulturális stratégiát öt prioritásával megküldjük a települések kulturális "
        "szereplőinek. (Demó határozat.)",
        "library", date(2010, 9, 30), "done",
    ),
    (
        "A kilenc tematikus adatbázist és a kulturális szolgáltatásjegyzéket a települések "
        "szereplőivel együtt naprakészen tartjuk. (Demó határozat.)",
        "library", date(2010, 12, 31), "in_progress",
    ),
]  # fmt: skip


def _at(hour: int) -> datetime:
    return datetime(MEETING_DAY.year, MEETING_DAY.month, MEETING_DAY.day, hour, tzinfo=BUDAPEST)


def load_meetings_demo() -> list[str]:
    if Meeting.objects.filter(is_demo=True, title=TITLE).exists():
        return []
    venue = Record.objects.filter(name=LIBRARY_NAME, is_demo=True).first()
    library = Actor.objects.filter(record=venue).first() if venue else None
    municipality = Actor.objects.filter(
        kind=ActorKind.MUNICIPALITY, settlement__ksh_code=HOST_SETTLEMENT
    ).first()
    if venue is None or library is None or municipality is None:
        return []  # the network's demo did not run (no library, no municipality)
    meeting = meeting_create(
        title=TITLE, starts_at=_at(10), ends_at=_at(13), venue=venue, description=DESCRIPTION,
        priorities=StrategyPriority.objects.all(), status=Meeting.Status.HELD, is_demo=True,
    )  # fmt: skip
    for title, minutes, subitems in AGENDA:
        item = agenda_item_add(meeting=meeting, title=title, duration_minutes=minutes)
        for sub_title, sub_minutes in subitems:
            agenda_item_add(
                meeting=meeting, title=sub_title, duration_minutes=sub_minutes, parent=item
            )
    attendees = Actor.objects.filter(is_demo=True).order_by("id")
    invited = [participant_add(meeting=meeting, actor=actor).pk for actor in attendees]
    attendance_record(meeting=meeting, attended_ids=invited)  # the ties derived once
    for heading, body, visibility in MINUTES:
        minutes_section_add(meeting=meeting, heading=heading, body=body, visibility=visibility)
    responsible = {"library": library, "municipality": municipality}
    for text, who, deadline, status in DECISIONS:
        decision_create(
            meeting=meeting, text=text, responsible=responsible[who], deadline=deadline,
            status=status, is_demo=True,
        )  # fmt: skip
    return [
        _("Roundtable: the meeting of 13 May 2010 with %(people)d attending actors and "
          "%(decisions)d decisions.") % {"people": attendees.count(), "decisions": len(DECISIONS)}
    ]  # fmt: skip
