"""The complaints app's background tasks (Tasks API). Their dotted paths are stored with every queued task
(django-tasks-db `task_path`), so the entry points stay here, in the app's root, whatever package does the work:

- `export_grievances_task`: a large grievance list export (gamsa.complaints.io.exporting)
- `inspection_report_task`: the quarterly inspection report (gamsa.complaints.grievances.inspection)
- `import_grievances_task`: tasks queued before the shared pipeline (core.imports) named this one; they run
  through it (the adapter is gamsa.complaints.io.pipeline)

Each reads its parameters from a core Job, reports progress with `job_progress` and ends with `finish_job` (the
file attached) or `fail_job`.
"""

from __future__ import annotations

from django_tasks import task

from gamsa.complaints.grievances import inspection
from gamsa.complaints.io import exporting
from gamsa.core import imports


@task(queue_name="imports")
def import_grievances_task(job_id: int) -> dict:
    return imports.run_job(job_id)


@task(queue_name="reports")
def export_grievances_task(job_id: int) -> dict:
    return exporting.run_export_job(job_id)


@task(queue_name="reports")
def inspection_report_task(job_id: int) -> dict:
    return inspection.run_report_job(job_id)
