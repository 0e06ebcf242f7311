"""The background tasks as installations run them: queued in the database on commit, run by
``kozkincs db_worker`` (the worker ``make run`` starts beside the web server)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.tasks import task

from kozkincs.core.mail import mail_send

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def test_production_settings_queue_tasks_in_the_database():
    import kozkincs.config.settings as production

    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


@pytest.mark.django_db(transaction=True)
def test_a_mail_waits_for_the_commit_then_for_the_worker(settings):
    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        transaction.on_commit(
            lambda: mail_send.enqueue(recipient="a@example.org", subject="Szia", body="Szöveg")
        )
        assert not _results().exists()  # nothing is queued before the commit
    queued = _results().get()
    assert queued.status == "READY"
    assert mail.outbox == []  # the request that queued it did not send it

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [message.subject for message in mail.outbox] == ["Szia"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_decision_queues_nothing(settings):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(RuntimeError), transaction.atomic():
        transaction.on_commit(
            lambda: mail_send.enqueue(recipient="a@example.org", subject="x", body="y")
        )
        raise RuntimeError("the decision failed")
    assert not _results().exists()


@task
def always_fails() -> None:
    raise ValueError("a broken mail server")


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_recorded_and_the_worker_goes_on(settings):
    settings.TASKS = DATABASE_TASKS
    failing = always_fails.enqueue()
    sent = mail_send.enqueue(recipient="a@example.org", subject="Utána", body="y")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    failed = _results().get(id=failing.id)
    assert failed.status == "FAILED"
    assert "a broken mail server" in failed.exception_class_path + failed.traceback
    assert _results().get(id=sent.id).status == "SUCCESSFUL"
    assert [message.subject for message in mail.outbox] == ["Utána"]
