"""Previews and imports run through Django's tasks framework, so a large file never holds a
request: the page polls the batch's progress. (With Django's default immediate backend the
task runs at once in the same process; with a worker backend, in the background.)"""

from django.db import transaction
from django.tasks import task

from kozkincs.imports.models import ImportBatch
from kozkincs.imports.services import ImportRefused, import_batch_apply, import_batch_preview


@task
def import_batch_work(*, batch_id: int, action: str, user_id: int | None = None,
                      status: str = "published", confirm_repeat: bool = False) -> None:  # fmt: skip
    from django.contrib.auth import get_user_model

    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        if action == ImportBatch.Work.PREVIEW:
            import_batch_preview(batch=batch)
        else:
            import_batch_apply(batch=batch, user=user, status=status, confirm_repeat=confirm_repeat)
    except ImportRefused as error:
        ImportBatch.objects.filter(pk=batch_id).update(work="", message=" ".join(error.messages))


def import_batch_enqueue(*, batch: ImportBatch, work: str, user, **arguments) -> None:
    """Mark ``work`` (a preview or the import) as under way and queue it when the transaction
    commits; the task's id is kept on the batch, so its page can tell waiting from interrupted."""
    ImportBatch.objects.filter(pk=batch.pk).update(work=work, progress_done=0, message="",
                                                   task_id="")  # fmt: skip

    def enqueue() -> None:
        result = import_batch_work.enqueue(batch_id=batch.pk, action=work, user_id=user.pk,
                                           **arguments)  # fmt: skip
        ImportBatch.objects.filter(pk=batch.pk, work=work).update(task_id=str(result.id))

    transaction.on_commit(enqueue)
