import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gamsa.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules: about 140,000 objects) lives as long as the process.
# Frozen, the collector's full passes stop walking it: those passes came every ten or so long pages and added 80 ms
# to each (docs/adr/0016).
gc.collect()
gc.freeze()
