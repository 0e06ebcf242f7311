"""Demo project ideas and funding calls (registered with ``kozkincs load_demo``, after the
network's actors).

The roundtable met on 13 May 2010 in the József Attila City Library and collected the topics
the association could put into its next KÖZKINCS application (``shared/guides/domain.md``):
the ideas below are such topics, one or two per strategy priority, led and supported by the
invented demo organisations of the catalogs. Everything is marked ``is_demo`` and named
"(demó)"; the calls are realistic but invented, with deadlines counted from the day the demo
is loaded so that "open calls" stay open for a while. Idempotent: entries that exist (by
title or call name) are left alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import Actor
from kozkincs.projects.models import FundingCall, ProjectIdea, StatusChange
from kozkincs.projects.services import (
    endorsement_add,
    funding_call_create,
    idea_create,
    idea_move,
    milestone_add,
    milestone_mark,
    partner_answer,
    partner_invite,
    progress_add,
)
from kozkincs.strategy.models import StrategyPriority

ROUNDTABLE_MEETING = date(2010, 5, 13)
ALL_KINDS = [ActorKind.ORGANISATION, ActorKind.MUNICIPALITY, ActorKind.CHURCH, ActorKind.COMPANY]


@dataclass(frozen=True)
class DemoCall:
    programme: str
    name: str
    name_en: str
    description: str
    days_to_deadline: int
    rate: int
    kinds: tuple[str, ...]
    priorities: tuple[int, ...]
    days_to_opening: int | None = None


CALLS = (
    DemoCall("KÖZKINCS", "Kistérségi kulturális együttműködések (demó)",
             "Cultural cooperation in micro-regions (demo)",
             "Demó felhívás. Kulturális kerekasztalok, közös programok és értékfeltárás "
             "támogatása civil szervezeteknek és önkormányzatoknak.",
             45, 100, (ActorKind.ORGANISATION, ActorKind.MUNICIPALITY), (1, 2, 3)),
    DemoCall("LEADER", "Helyi közösségi és turisztikai fejlesztések (demó)",
             "Local community and tourism developments (demo)",
             "Demó felhívás. Vidéki közösségi terek, helyi értékek bemutatása és kulturális "
             "turizmus a helyi akciócsoport területén.",
             90, 60, tuple(ALL_KINDS), (3, 5)),
    DemoCall("TOP", "Közösségi terek infrastrukturális fejlesztése (demó)",
             "Infrastructure of community spaces (demo)",
             "Demó felhívás. Önkormányzati művelődési házak felújítása és akadálymentesítése.",
             120, 100, (ActorKind.MUNICIPALITY,), (3, 4), days_to_opening=30),
    DemoCall("Erasmus+", "Felnőttoktatási kisléptékű partnerségek (demó)",
             "Small-scale partnerships in adult education (demo)",
             "Demó felhívás. Tanulási lehetőségek felnőtteknek, különösen hátrányos helyzetű "
             "és idős tanulóknak, európai partnerekkel.",
             75, 80, (ActorKind.ORGANISATION,), (4, 1)),
)  # fmt: skip


@dataclass(frozen=True)
class DemoIdea:
    title: str
    lead: str  # a demo record's name, or "municipality:<KSH code>"
    problem: str
    goals: str
    activities: str
    target_groups: str
    priorities: tuple[int, ...]
    settlements: tuple[str, ...]
    budget: int
    calls: tuple[str, ...]  # programmes
    related: tuple[str, ...] = ()  # demo record names
    agreed: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()
    endorsed_by: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    extra: dict = field(default_factory=dict)


IDEAS = (
    DemoIdea(
        "Göcseji dalkörök találkozója (demó)", "Pókaszepetki Nyugdíjas Klub Egyesület (demó)",
        "A falvak dalkörei és citerásai ritkán hallják egymást, a fiatalok alig ismerik a "
        "göcseji dalokat.",
        "Évente ismétlődő találkozó, ahol a csoportok fellépnek és egymástól tanulnak.",
        "Egynapos találkozó Gellénházán; közös próbák; a dalok felvétele és közzététele.",
        "Amatőr népdalkörök, citerazenekarok, a falvak lakói, iskolások.",
        (1, 2), ("21050", "08068", "30368"), 1_800_000, ("KÖZKINCS",),
        related=("Pókaszepetki Nyugdíjas Népdalkör (demó)", "Gellénházi Citerazenekar (demó)"),
        agreed=("Gellénházi Művelődési Ház (demó)", "Bagodi Hagyományőrző Egyesület (demó)"),
        endorsed_by=("municipality:21050", "József Attila Városi Könyvtár (demó)"),
        start=date(2011, 3, 1), end=date(2011, 9, 30),
    ),
    DemoIdea(
        "Útmenti keresztek és haranglábak felmérése (demó)",
        "Teskándi Faluszépítő Egyesület (demó)",
        "A szakrális kisemlékek állapota nincs felmérve, több közülük romlik.",
        "A kisemlékek dokumentálása és a legsürgősebb javítások előkészítése.",
        "Terepbejárás önkéntesekkel, fényképes adatlapok a portálon, füzet a kisemlékekről.",
        "Helytörténet iránt érdeklődők, önkéntesek, plébániák.",
        (2,), ("08828", "27720"), 900_000, ("KÖZKINCS",),
        related=("Útmenti kőkereszt (demó)", "Harangláb (demó)"),
        agreed=("Göcseji Értékőrző Alapítvány (demó)",),
        endorsed_by=("municipality:08828",),
        start=date(2011, 4, 1), end=date(2011, 11, 30),
    ),
    DemoIdea(
        "A Bagodi Faluház akadálymentesítése és klubszobájának felújítása (demó)",
        "municipality:30368",
        "A faluház nagyterme lépcsőn érhető el, a klubszoba fűtése elavult.",
        "Mindenki számára elérhető közösségi tér, egész évben használható klubszoba.",
        "Rámpa és akadálymentes mosdó, a klubszoba fűtésének korszerűsítése.",
        "A falu lakói, idősek, kisgyermekes családok, a faluházban működő csoportok.",
        (3,), ("30368",), 6_500_000, ("LEADER", "TOP"),
        related=("Bagodi Faluház (demó)",),
        invited=("Bagodi Hagyományőrző Egyesület (demó)",),
        endorsed_by=("Példa Piroska népdalénekes (demó)",),
    ),
    DemoIdea(
        "Digitális tudás minden korosztálynak a közösségi házakban (demó)",
        "Kávási Közösségi Ház (demó)",
        "Az idősebbek közül sokan nem használják az internetet, a falvakban kevés a képzés.",
        "Alapfokú digitális tudás idősebbeknek; a fiatalok önkéntes segítőként vesznek részt.",
        "Tanfolyamok a közösségi házakban, a könyvtár módszertani segítségével.",
        "Idősebb lakók, ifjúsági önkéntesek.",
        (4,), ("32063", "22178"), 1_200_000, ("Erasmus+",),
        related=("Digitális alapismeretek időseknek (demó)",),
        agreed=("József Attila Városi Könyvtár (demó)",),
        invited=("Nagykutasi Ifjúsági Egyesület (demó)",),
        start=date(2011, 1, 15), end=date(2011, 6, 30),
    ),
    DemoIdea(
        "Göcseji értékek útja: kulturális turisztikai kiadvány és térkép (demó)",
        "Göcseji Értékőrző Alapítvány (demó)",
        "A kistérség épített és természeti értékei nem jelennek meg közös kínálatként.",
        "Egy bejárható útvonal a települések értékeivel, a helyi vendéglátókkal együtt.",
        "Útvonaltervezés, kiadvány és térkép a tematikus adatbázisok alapján, táblák.",
        "Turisták, kirándulók, iskolai osztályok.",
        (5, 2), ("32054", "08828", "21263"), 3_400_000, ("LEADER",),
        related=("Öreg kocsányos tölgy (demó)", "Göcseji Értékőrző Füzetek 1. (demó)"),
        agreed=("Teskándi Faluszépítő Egyesület (demó)",),
        invited=("municipality:32054",),
        endorsed_by=("Bagodi Hagyományőrző Egyesület (demó)", "municipality:08828"),
        start=date(2011, 5, 1), end=date(2012, 4, 30),
        extra={"preparation": True},
    ),
)  # fmt: skip


def _actor(reference: str) -> Actor | None:
    if reference.startswith("municipality:"):
        code = reference.split(":", 1)[1]
        return Actor.objects.filter(kind=ActorKind.MUNICIPALITY, settlement__ksh_code=code).first()
    return Actor.objects.filter(record__name=reference, record__is_demo=True).first()


def _calls(today: date) -> tuple[dict[str, FundingCall], int]:
    calls, created = {}, 0
    numbers = {p.number: p for p in StrategyPriority.objects.all()}
    for spec in CALLS:
        call = FundingCall.objects.filter(name=spec.name, is_demo=True).first()
        if call is None:
            opens = today + timedelta(days=spec.days_to_opening) if spec.days_to_opening else None
            call = funding_call_create(
                programme=spec.programme, name=spec.name, name_en=spec.name_en,
                description=spec.description, opens=opens,
                deadline=today + timedelta(days=spec.days_to_deadline),
                funding_rate=Decimal(spec.rate), eligible_kinds=[str(k) for k in spec.kinds],
                priorities=[numbers[n] for n in spec.priorities if n in numbers], is_demo=True,
            )  # fmt: skip
            created += 1
        calls[spec.programme] = call
    return calls, created


def _collected_at_the_roundtable(idea: ProjectIdea) -> None:
    """The idea dates from the meeting of 13 May 2010 (its creation stamp says so)."""
    moment = timezone.make_aware(datetime.combine(ROUNDTABLE_MEETING, time(10)))
    ProjectIdea.objects.filter(pk=idea.pk).update(created_at=moment)
    idea.history.update(history_date=moment)


def _idea(spec: DemoIdea, calls: dict[str, FundingCall]) -> ProjectIdea | None:
    lead = _actor(spec.lead)
    if lead is None:
        return None
    idea = idea_create(
        lead=lead, title=spec.title, problem=spec.problem, goals=spec.goals,
        activities=spec.activities, target_groups=spec.target_groups,
        priorities=StrategyPriority.objects.filter(number__in=spec.priorities),
        settlements=Settlement.objects.filter(ksh_code__in=spec.settlements),
        estimated_budget=Decimal(spec.budget), start_date=spec.start, end_date=spec.end,
        funding_calls=[calls[p] for p in spec.calls if p in calls],
        related_records=Record.objects.filter(name__in=spec.related, is_demo=True),
        is_demo=True,
    )  # fmt: skip
    _collected_at_the_roundtable(idea)
    for reference in spec.agreed + spec.invited:
        actor = _actor(reference)
        if actor is None or actor.pk == lead.pk:
            continue
        partnership = partner_invite(idea=idea, actor=actor, is_demo=True)
        if reference in spec.agreed:
            partner_answer(partnership=partnership, accept=True)
    for reference in spec.endorsed_by:
        actor = _actor(reference)
        if actor is not None and actor.pk != lead.pk:
            endorsement_add(idea=idea, actor=actor, is_demo=True,
                            note="Demó: a kerekasztalon támogatta.")  # fmt: skip
    if spec.extra.get("preparation"):
        _prepare(idea)
    return idea


def _prepare(idea: ProjectIdea) -> None:
    """One idea already in preparation: a partner meeting held, the application due."""
    idea_move(idea=idea, status="preparation",
              note="Demó: a 2010. május 13-i kerekasztal kérte a kidolgozását.")  # fmt: skip
    StatusChange.objects.filter(idea=idea).update(
        changed_at=timezone.make_aware(datetime.combine(date(2010, 5, 20), time(9)))
    )
    meeting = milestone_add(idea=idea, title="Partnertalálkozó az útvonalról (demó)",
                            due_date=date(2010, 6, 15), is_demo=True)  # fmt: skip
    milestone_mark(milestone=meeting, done=True, on=date(2010, 6, 15))
    milestone_add(idea=idea, title="A pályázati dokumentáció összeállítása (demó)",
                  due_date=date(2010, 9, 15), is_demo=True)  # fmt: skip
    progress_add(idea=idea, on=date(2010, 6, 15), is_demo=True,
                 text="Demó: a partnerek bejárták a tervezett útvonal első szakaszát és "
                      "kiválasztották a kiadványba kerülő értékeket.")  # fmt: skip


def load_projects_demo() -> list[str]:
    calls, calls_created = _calls(timezone.localdate())
    have = set(ProjectIdea.objects.filter(is_demo=True).values_list("title", flat=True))
    ideas = [_idea(spec, calls) for spec in IDEAS if spec.title not in have]
    created = sum(1 for idea in ideas if idea is not None)
    if not created and not calls_created:
        return []
    return [
        _("Project ideas: %(ideas)d ideas of the roundtable of 13 May 2010 and %(calls)d demo "
          "funding calls created.") % {"ideas": created, "calls": calls_created}
    ]  # fmt: skip
