"""Version history of models through django-simple-history, written by the services.

:class:`ServiceWrittenHistory` is simple-history's ``HistoricalRecords`` without its signal
handlers: the record services write most changes with ``QuerySet.update()`` and
``bulk_create()``, which send no signals, so every version is written explicitly by the
service that makes the change, inside its transaction (``catalog/history.py``). Relying on
signals for some writes and on explicit calls for others would write some versions twice and
miss others.
"""

from simple_history.models import HistoricalRecords


class ServiceWrittenHistory(HistoricalRecords):
    """History rows are created by the services only (no ``post_save``/``post_delete``)."""

    def post_save(self, instance, created, using=None, **kwargs):
        return None

    def post_delete(self, instance, using=None, **kwargs):
        return None

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        return None
