"""Creating test records the way editors do: through the catalog services, index hooks run."""

from collections.abc import Callable

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_create, record_publish


def record_maker(capture_on_commit, default_catalog: str) -> Callable[..., Record]:
    """``make(name, publish=True, catalog=default_catalog, values={...}, **columns)``."""

    def make(
        name: str, *, publish: bool = True, catalog: str = default_catalog, values=None, **columns
    ) -> Record:
        data = {"name": name, "values": values or {}, **columns}
        with capture_on_commit(execute=True):
            record = record_create(catalog=catalog, data=data)
            if publish:
                record = record_publish(record=record)
        record.refresh_from_db()
        return record

    return make
