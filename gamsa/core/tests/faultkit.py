"""Test-only pieces for the fault tests (test_job_faults.py): a slow task, a slow page, and a `serve` launcher.

`python -c LAUNCH serve ...` runs `gamsa serve` with this module as the URLconf, so the test can
hold requests in flight (`/healthz-test-slow?seconds=N`, exempt from login like /healthz) while it signals the
server. Never imported by the application.
"""

from __future__ import annotations

import time

from django.http import HttpResponse
from django.urls import include, path
from django_tasks import task


def slow_page(request):
    seconds = min(float(request.GET.get("seconds", "2")), 30.0)
    time.sleep(seconds)
    return HttpResponse(("느린 응답 " * 20000).encode(), content_type="text/plain; charset=utf-8")


urlpatterns = [path("healthz-test-slow", slow_page), path("", include("gamsa.urls"))]


@task(queue_name="default")
def slow_job(job_id: int, seconds: float = 5.0, steps: int = 10) -> dict:
    """A job that reports progress `steps` times over `seconds` and then finishes."""
    from gamsa.core import services
    from gamsa.core.models import Job

    job = Job.objects.select_related("owner").get(pk=job_id)
    services.job_progress(job, done=0, total=steps, message="천천히 하는 중입니다.")
    for step in range(1, steps + 1):
        time.sleep(seconds / steps)
        services.job_progress(job, done=step)
    services.finish_job(job, result={"steps": steps}, message="끝났습니다.")
    return {"steps": steps}


# `python -c LAUNCH serve --port N`: Django set up first, then this URLconf, then the command.
LAUNCH = (
    "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'gamsa.settings'); django.setup(); "
    "from django.conf import settings; settings.ROOT_URLCONF = 'gamsa.core.tests.faultkit'; "
    "from django.core.management import call_command; call_command(*sys.argv[1:])"
)
