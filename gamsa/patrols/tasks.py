"""Background work of field complaints (Tasks API): the 응답소 import and the evaluation export.

Each task reads its parameters from a core Job, reports progress with `job_progress` and ends with `finish_job`
or `fail_job`. The `run_*` functions do the work and are also called directly for small inputs.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django_tasks import task

from gamsa.core import services
from gamsa.core.models import Job

IMPORT_DIR = "imports/fieldcomplaints"


def run_import(job_id: int) -> dict:
    # Imported here: the importer brings Arrow, which web processes need only for this.
    from gamsa.patrols import importing

    job = Job.objects.select_related("owner").get(pk=job_id)
    params = job.params
    try:
        with default_storage.open(params["path"], "rb") as handle:
            data = handle.read()
        services.job_progress(
            job, done=0, total=params.get("rows", 0), message="파일의 모든 행을 검사하는 중입니다."
        )
        report = importing.import_field_complaints(
            job.owner,
            data,
            skip_bad=params.get("skip_bad", False),
            job=job,
            source_name=params.get("name", ""),
            progress=lambda done, total: services.job_progress(
                job, done=done, total=total, message="반영하는 중입니다."
            ),
            scan_duplicates=False,
        )
        if report.committed:  # also with nothing new: a killed run's owed scan is finished here (ADR 0013)
            services.job_progress(
                job, done=report.total, message="반영했습니다. 가까운 중복 후보를 찾는 중입니다."
            )
            importing.scan_new_for_duplicates(report)
    except importing.ImportFileError as exc:
        services.fail_job(job, str(exc))
        default_storage.delete(params["path"])
        return {"error": str(exc)}
    except Exception as exc:
        services.fail_job(job, f"가져오기에 실패했습니다: {exc.__class__.__name__}")
        raise
    default_storage.delete(params["path"])
    services.finish_job(job, result=report.as_dict(), message=report.summary())
    return {"created": report.created, "updated": report.updated, "errors": len(report.errors)}


@task(queue_name="imports")
def import_field_complaints_task(job_id: int) -> dict:
    return run_import(job_id)


def run_evaluation_export(job_id: int) -> dict:
    from gamsa.patrols import evaluation

    job = Job.objects.select_related("owner").get(pk=job_id)
    year, min_count = job.params["year"], job.params.get("min_count")
    try:
        services.job_progress(job, done=0, total=2, message="부서별 수치를 계산하는 중입니다.")
        data = evaluation.evaluate(year, min_count=min_count)
        services.job_progress(job, done=1, total=2, message="엑셀 파일을 만드는 중입니다.")
        attachment = services.store_attachment(
            job.owner, data=evaluation.write_xlsx(data), original_name=evaluation.file_name(year), owner=job
        )
    except Exception as exc:
        services.fail_job(job, f"평가표를 만들지 못했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job,
        result={"departments": len(data["ranked"]), "below": len(data["below"])},
        result_file=attachment,
        message=f"{len(data['ranked'])}개 부서의 평가표를 만들었습니다.",
    )
    return {"departments": len(data["ranked"])}


@task(queue_name="reports")
def evaluation_export_task(job_id: int) -> dict:
    return run_evaluation_export(job_id)
