"""The data sources behind the gazetteer, as the about page and exports credit them."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DataSource:
    name: str | Promise
    licence: str
    attribution: str
    url: str
    covers: str | Promise


def data_sources() -> list[DataSource]:
    """The sources to credit wherever gazetteer data is shown (see data/SOURCES.md)."""
    return [
        DataSource(
            name=_("Hungarian Central Statistical Office (KSH): Gazetteer 2018"),
            licence="CC0 1.0 (teroszt redistribution); KSH terms of use",
            attribution="Forrás: KSH",
            url="https://www.ksh.hu/",
            covers=_(
                "Settlements, KSH codes, legal status, counties, districts, population and area"
            ),
        ),
        DataSource(
            name=_("teroszt R package (KSH tables and boundaries, 2018)"),
            licence="CC0 1.0",
            attribution="svraka/teroszt, commit a277aa81",
            url="https://github.com/svraka/teroszt",
            covers=_("Machine-readable copy of the KSH tables and of the boundary polygons"),
        ),
        DataSource(
            name="OpenStreetMap",
            licence="ODbL 1.0",
            attribution="© OpenStreetMap contributors (ODbL)",
            url="https://www.openstreetmap.org/copyright",
            covers=_("Settlement boundaries and the coordinates derived from them"),
        ),
        DataSource(
            name=_("Wikipedia (German): lists of the Zala micro-regions"),
            licence="CC BY-SA",
            attribution="Wikipedia: Kleingebiet Zalaegerszeg, Kleingebiet Pacsa",
            url="https://de.wikipedia.org/wiki/Kleingebiet_Zalaegerszeg",
            covers=_("Membership of the 2008-2012 micro-regions (kistérségek)"),
        ),
    ]
