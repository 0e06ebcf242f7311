"""Factories for gazetteer objects; codes carry valid KSH check digits."""

import factory

from kozkincs.gazetteer.identifiers import ksh_check_digit
from kozkincs.gazetteer.models import County, Region, RegionMembership, Settlement
from kozkincs.gazetteer.names import fold_name


def ksh_code_for(n: int) -> str:
    first_four = f"{n % 10000:04d}"
    return first_four + str(ksh_check_digit(first_four))


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = "20"
    name = "Zala"


class SettlementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Settlement

    ksh_code = factory.Sequence(lambda n: ksh_code_for(9000 - n))
    name = factory.Sequence(lambda n: f"Próbafalva {n}")
    name_folded = factory.LazyAttribute(lambda settlement: fold_name(settlement.name))
    slug = factory.Sequence(lambda n: f"probafalva-{n}")
    status = Settlement.Status.VILLAGE
    county = factory.SubFactory(CountyFactory)
    population = 500
    population_year = 2018
    area_ha = 1200
    lat = 46.84
    lon = 16.84


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    key = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Régió {n}")
    kind = Region.Kind.MICRO_REGION


class RegionMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionMembership

    region = factory.SubFactory(RegionFactory)
    settlement = factory.SubFactory(SettlementFactory)
