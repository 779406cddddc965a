"""Background tasks of the patrols app. The 응답소 import runs through core's one import pipeline (its adapter is
gamsa/patrols/fieldcomplaints/pipeline.py); only the task name that jobs queued before that pipeline carry is left here.
"""

from __future__ import annotations

from django_tasks import task

from gamsa.core import imports


@task(queue_name="imports")
def import_field_complaints_task(job_id: int) -> dict:
    """Tasks queued before the shared pipeline (core.imports) named this one; they run through it."""
    return imports.run_job(job_id)
