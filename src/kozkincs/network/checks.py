"""System check: every catalog named in ``KOZKINCS_NETWORK_ACTOR_CATALOGS`` and in the derived
relations exists, and each derived relation is a field of its catalog that relates records."""

from django.core.checks import Error, register

from kozkincs.catalog.fields import field_type
from kozkincs.catalog.registry import catalog_get
from kozkincs.network.kinds import DERIVED_RELATIONS, actor_catalogs


@register("kozkincs")
def check_network_catalogs(app_configs=None, **kwargs) -> list[Error]:
    errors = [
        Error(
            f"KOZKINCS_NETWORK_ACTOR_CATALOGS names {key!r}, which is no catalog.",
            hint="See docs/reference/settings.md",
            id="kozkincs.E040",
        )
        for key in sorted(actor_catalogs())
        if catalog_get(key) is None
    ]
    for derived in DERIVED_RELATIONS:
        definition = catalog_get(derived.catalog)
        if definition is None:
            continue  # a deployment without that catalog derives nothing from it
        fields = {f.key: f for f in definition.fields}
        fdef = fields.get(derived.field)
        if fdef is None or not field_type(fdef.type).in_relations:
            errors.append(
                Error(
                    f"The network derives ties from {derived.catalog}.{derived.field}, "
                    "which is not a field relating records.",
                    hint="See kozkincs/network/kinds.py",
                    id="kozkincs.E041",
                )
            )
    return errors
