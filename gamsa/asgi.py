import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gamsa.settings")
application = get_asgi_application()

gc.collect()  # as in wsgi.py: the loaded code lives as long as the process, so the collector need not walk it
gc.freeze()
