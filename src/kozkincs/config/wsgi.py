"""The WSGI application."""

import os

from django.core.wsgi import get_wsgi_application

from kozkincs.config.startup import prepare_web_process
from kozkincs.core.memory import tune_allocator

tune_allocator()  # before any request: large blocks go back to the system (core/memory.py)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
application = get_wsgi_application()
prepare_web_process()  # what every request needs loaded, then frozen (config/startup.py)
