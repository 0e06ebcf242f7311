"""The WSGI application: Django, with stored API answers replayed in front of it.

See ``kozkincs/api/replay.py``: repeated anonymous ``GET /api/v1/…`` requests are answered from
a per-process store keyed by the data version, without going through Django; everything else
(and every request while ``KOZKINCS_RESPONSE_CACHE`` is off) goes straight to Django.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
application = get_wsgi_application()

if settings.KOZKINCS_RESPONSE_CACHE:
    # Imported after setup: the replay layer reads models of the search app.
    from kozkincs.api.replay import ReplayApplication

    application = ReplayApplication(application)
