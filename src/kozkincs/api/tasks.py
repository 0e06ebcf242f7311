"""The stored record JSON of a bulk write, written after its commit by the task worker
(``kozkincs db_worker``; with Django's immediate backend, at once in the same process)."""

from django.tasks import task

from kozkincs.api.stored_records import representations_write_locked


@task
def representations_write_task(*, record_ids: list[int]) -> None:
    representations_write_locked(record_ids=record_ids)
