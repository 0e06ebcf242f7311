"""The licences a photo can carry: a closed set, each with the links the pages and open data need.

Keys follow SPDX where there is an identifier (as the catalogs' dataset licences do);
"all rights reserved" has none and points at the RightsStatements.org "In Copyright" statement,
the form Europeana accepts in ``edm:rights``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC0 = "CC0-1.0", _("CC0 1.0 (public domain)")
    CC_BY = "CC-BY-4.0", _("CC BY 4.0 (attribution)")
    CC_BY_SA = "CC-BY-SA-4.0", _("CC BY-SA 4.0 (attribution, share alike)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


@dataclass(frozen=True)
class LicenceInfo:
    key: str
    label: str | Promise
    short_label: str
    url: str
    """The licence deed for people; empty for "all rights reserved"."""
    rights_uri: str
    """For ``edm:rights`` and other machine-readable rights statements."""
    needs_credit: bool
    """The licence requires naming the author."""


LICENCES: dict[str, LicenceInfo] = {
    Licence.CC0: LicenceInfo(
        Licence.CC0,
        Licence.CC0.label,
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        False,
    ),
    Licence.CC_BY: LicenceInfo(
        Licence.CC_BY,
        Licence.CC_BY.label,
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "http://creativecommons.org/licenses/by/4.0/",
        True,
    ),
    Licence.CC_BY_SA: LicenceInfo(
        Licence.CC_BY_SA,
        Licence.CC_BY_SA.label,
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "http://creativecommons.org/licenses/by-sa/4.0/",
        True,
    ),
    Licence.ALL_RIGHTS_RESERVED: LicenceInfo(
        Licence.ALL_RIGHTS_RESERVED,
        Licence.ALL_RIGHTS_RESERVED.label,
        "",
        "",
        "http://rightsstatements.org/vocab/InC/1.0/",
        False,
    ),
}


def licence_info(key: str) -> LicenceInfo:
    """The licence ``key`` (stored keys are checked by a database constraint)."""
    return LICENCES[key]
