"""The licences a catalog's public data can be published under (the YAML key ``licence``).

A closed set: each licence is named by its SPDX identifier in the YAML file and carries the
URIs the open-data formats need: the licence deed for people, the form Europeana accepts in
``edm:rights`` (``http://``, trailing slash) and the EU Vocabularies licence authority entry
that DCAT-AP catalogues use.
"""

from dataclasses import dataclass
from typing import Literal

LicenceKey = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"]
DEFAULT_LICENCE: LicenceKey = "CC-BY-4.0"


@dataclass(frozen=True)
class Licence:
    key: str
    title: str
    url: str
    rights_uri: str
    eu_uri: str


_EU = "http://publications.europa.eu/resource/authority/licence/"

LICENCES: dict[str, Licence] = {
    "CC-BY-4.0": Licence(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
        "http://creativecommons.org/licenses/by/4.0/",
        _EU + "CC_BY_4_0",
    ),
    "CC-BY-SA-4.0": Licence(
        "CC-BY-SA-4.0",
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "http://creativecommons.org/licenses/by-sa/4.0/",
        _EU + "CC_BYSA_4_0",
    ),
    "CC0-1.0": Licence(
        "CC0-1.0",
        "Creative Commons CC0 1.0 Universal Public Domain Dedication",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        _EU + "CC0",
    ),
}


def licence_get(key: str) -> Licence:
    """The licence named ``key`` (a validated catalog definition only names known ones)."""
    return LICENCES[key]
