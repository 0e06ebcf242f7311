"""The strategy's goals, measures and indicators as demo data (registered with
``kozkincs load_demo``).

The five priorities are the real ones of the 2010 strategy (a migration of the strategy app
adds them). The founding document names the roundtable's aims, not the strategy's goals, so
the goals below follow those aims and every goal, measure, indicator, baseline, target and
hand-entered value is invented and marked as demo. Idempotent: a second run creates nothing
new (it only adds this year's computed values).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.dashboard.services import indicators_compute
from kozkincs.network.models import Actor
from kozkincs.strategy.models import Goal, Indicator, IndicatorValue, Measure, StrategyPriority

# (priority, goal number, (hu, en, de), measures, indicators); a measure is (hu, en, de);
# an indicator is (names, unit, direction, computed_by, baseline, target, measure index,
# hand-entered values {year: value}).
GOALS = [
    (1, 1, ("Kulturális hálózat a települések között", "A cultural network across the settlements",
            "Ein Kulturnetz zwischen den Gemeinden"),
     [("A Közkincs-kerekasztal működtetése", "Running the Közkincs roundtable",
       "Betrieb des Közkincs-Runden Tisches")],
     [(("Bevont kulturális szereplők", "Engaged cultural actors", "Beteiligte Kulturakteure"),
       "count", "higher", "engaged_actors_in_priority", 12, 40, 0, {}),
      (("Településhatárt átlépő kapcsolatok aránya", "Ties crossing settlement borders",
        "Anteil der gemeindeübergreifenden Verbindungen"),
       "percent", "higher", "cross_settlement_ties_share", 20, 50, 0, {}),
      (("Kapcsolat nélküli szereplők", "Actors without ties", "Akteure ohne Verbindungen"),
       "count", "lower", "isolated_actors", 10, 2, 0, {}),
      (("Civil szervezetek a nyilvántartásban", "Civil organisations in the register",
        "Vereine im Verzeichnis"),
       "count", "higher", "active_civil_organisations", 5, 15, None, {}),
      (("Támogatott közös projektek", "Joint projects funded or under way",
        "Geförderte gemeinsame Projekte"),
       "count", "higher", "supported_ideas_in_priority", 0, 10, None, {})]),
    (1, 2, ("Élő amatőr művészeti élet", "A lively amateur art scene",
            "Ein lebendiges Laienkunstleben"),
     [],
     [(("Aktív amatőr művészeti csoportok településenként",
        "Active amateur art groups per settlement", "Aktive Laienkunstgruppen je Gemeinde"),
       "number", "higher", "amateur_groups_per_settlement", Decimal("0.30"), 1, None, {})]),
    (2, 1, ("Az örökség feltárása tematikus adatbázisokban",
            "The heritage recorded in thematic databases",
            "Das Erbe in thematischen Datenbanken erfasst"),
     [("A kilenc tematikus adatbázis gondozása", "Keeping the nine thematic databases",
       "Pflege der neun thematischen Datenbanken")],
     [(("Az örökséget szolgáló közzétett adatlapok", "Published records serving the heritage",
        "Veröffentlichte Einträge zum Erbe"),
       "count", "higher", "records_in_priority", 30, 300, 0, {}),
      (("Települési értéktárak", "Local value repositories", "Örtliche Wertesammlungen"),
       "count", "higher", "", 0, 20, 0, {2014: 3, 2018: 9, 2022: 14})]),
    (3, 1, ("Hozzáférhető, felszerelt közösségi terek", "Accessible, equipped community venues",
            "Zugängliche, ausgestattete Gemeinschaftsräume"),
     [("Művelődési házak felújítása", "Renovating the cultural centres",
       "Renovierung der Kulturhäuser")],
     [(("Akadálymentes művelődési házak aránya", "Cultural centres with step-free access",
        "Kulturhäuser mit stufenlosem Zugang"),
       "percent", "higher", "cultural_centres_step_free_share", 25, 80, 0, {2015: 40}),
      (("Kulturális helyszín nélküli települések", "Settlements without a cultural venue",
        "Gemeinden ohne Kulturstätte"),
       "count", "lower", "settlements_without_cultural_venue", 20, 5, None, {})]),
    (4, 1, ("Tanulási lehetőség mindenkinek", "Learning opportunities for everyone",
            "Lernangebote für alle"),
     [("Képzések a kistelepüléseken", "Courses in the small villages",
       "Kurse in den kleinen Dörfern")],
     [(("Képzések résztvevői", "Participants of courses", "Teilnehmende an Kursen"),
       "persons", "higher", "", 150, 400, 0, {2012: 180, 2016: 260}),
      (("Bevont kulturális szereplők", "Engaged cultural actors", "Beteiligte Kulturakteure"),
       "count", "higher", "engaged_actors_in_priority", 5, 25, None, {})]),
    (5, 1, ("A kulturális értékek a turizmusban", "Cultural values in tourism",
            "Kulturwerte im Tourismus"),
     [("Tematikus utak és kiadványok", "Themed routes and publications",
       "Themenrouten und Publikationen")],
     [(("Turisztikai kiadványban bemutatott értékek", "Values shown in tourist publications",
        "In Tourismuspublikationen vorgestellte Werte"),
       "count", "higher", "", 10, 60, 0, {2013: 18}),
      (("Van-e térségi kulturális turisztikai kínálat", "A regional cultural tourism offer exists",
        "Ein regionales Kulturtourismusangebot besteht"),
       "yes_no", "higher", "", 0, 1, 0, {})]),
]  # fmt: skip

BASELINE_YEAR, TARGET_YEAR = 2010, 2030
DEMO_NOTE = "Demo: invented for the demonstration."


def _names(texts: tuple[str, str, str]) -> dict:
    return {"name": texts[0], "name_en": texts[1], "name_de": texts[2]}


def load_strategy_demo() -> list[str]:
    priorities = {p.number: p for p in StrategyPriority.objects.all()}
    created = 0
    for number, goal_number, goal_names, measures, indicators in GOALS:
        if number not in priorities:
            continue
        goal, made = Goal.objects.get_or_create(
            priority=priorities[number], number=goal_number,
            defaults={**_names(goal_names), "is_demo": True},
        )  # fmt: skip
        created += made
        made_measures = []
        for position, names in enumerate(measures, start=1):
            measure, made = Measure.objects.get_or_create(
                goal=goal, number=position, defaults={**_names(names), "is_demo": True}
            )
            made_measures.append(measure)
            created += made
        for names, unit, direction, key, baseline, target, measure_index, values in indicators:
            indicator, made = Indicator.objects.get_or_create(
                goal=goal, name=names[0],
                defaults={
                    **_names(names), "unit": unit, "direction": direction, "computed_by": key,
                    "baseline_value": Decimal(baseline), "baseline_year": BASELINE_YEAR,
                    "target_value": Decimal(target), "target_year": TARGET_YEAR,
                    "measure": None if measure_index is None else made_measures[measure_index],
                    "is_demo": True,
                },
            )  # fmt: skip
            created += made
            for year, value in values.items():
                IndicatorValue.objects.get_or_create(
                    indicator=indicator, year=year,
                    defaults={"value": Decimal(value), "unit": unit, "is_demo": True,
                              "source_note": DEMO_NOTE},
                )  # fmt: skip
    engaged = _demo_actor_priorities()
    report = indicators_compute()
    if not created and not engaged:
        return []
    return [
        _("Strategy: %(created)d goals, measures, indicators; %(values)d values computed.")
        % {"created": created, "values": len(report.written)}
    ]


def _demo_actor_priorities() -> int:
    """A demo organisation without priorities of its own takes its record's (so that the
    dashboard shows engaged actors); actors that chose priorities are left alone."""
    through = Actor.priorities.through
    chosen = set(through.objects.values_list("actor_id", flat=True))
    pairs = Record.priorities.through.objects.filter(
        record__network_actor__is_demo=True
    ).values_list("record__network_actor__id", "strategypriority_id")
    rows = [through(actor_id=a, strategypriority_id=p) for a, p in pairs if a not in chosen]
    through.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
