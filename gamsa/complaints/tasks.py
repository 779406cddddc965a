"""Background work of the grievance desk (Tasks API): imports, list exports, inspection reports.

Each task reads its parameters from a core Job, reports progress with `job_progress` and ends with
`finish_job` (the file attached) or `fail_job`. The `run_*` functions do the work and are also called directly
for small inputs, so the page answers at once.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from gamsa.complaints import exporting, importing, inspection
from gamsa.core import services
from gamsa.core.models import Job

IMPORT_DIR = "imports/grievances"


def stored_upload(path: str) -> bytes:
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def run_import(job_id: int) -> dict:
    """mode "check": a dry run whose report the user confirms; mode "commit": the real import."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    params = job.params
    try:
        data = stored_upload(params["path"])
        services.job_progress(job, done=0, total=0, message="파일을 검사하는 중입니다.")
        report = importing.import_grievances(
            job.owner,
            data,
            skip_bad=params.get("skip_bad", False),
            dry_run=params.get("mode") != "commit",
            source_name=params.get("name", ""),
            progress=lambda done, total: services.job_progress(job, done=done, total=total),
        )
    except importing.ImportFileError as exc:
        services.fail_job(job, str(exc))
        return {"error": str(exc)}
    except Exception as exc:
        services.fail_job(job, f"가져오기에 실패했습니다: {exc.__class__.__name__}")
        raise
    result = report.as_dict()
    if params.get("mode") == "commit":
        message = (
            f"{len(report.created):,}건을 등록했습니다."
            if report.committed
            else f"잘못된 행 {len(report.errors):,}개가 있어 아무것도 등록하지 않았습니다."
        )
        if report.committed:
            default_storage.delete(params["path"])
    else:
        message = f"검사를 마쳤습니다: 정상 {len(report.created):,}행, 오류 {len(report.errors):,}행."
    services.finish_job(job, result=result, message=message)
    return {"created": len(report.created), "errors": len(report.errors)}


@task(queue_name="imports")
def import_grievances_task(job_id: int) -> dict:
    return run_import(job_id)


def run_export(job_id: int) -> dict:
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        data, count = exporting.export_grievances(
            job.owner,
            job.params.get("filters", {}),
            include_personal=job.params.get("personal", False),
            target=job,
            progress=lambda done, total: services.job_progress(job, done=done, total=total),
        )
        attachment = services.store_attachment(
            job.owner, data=data, original_name=exporting.file_name(), owner=job
        )
    except Exception as exc:
        services.fail_job(job, f"내보내기에 실패했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job, result={"rows": count}, result_file=attachment, message=f"{count:,}건을 내보냈습니다."
    )
    return {"rows": count}


@task(queue_name="reports")
def export_grievances_task(job_id: int) -> dict:
    return run_export(job_id)


@task(queue_name="reports")
def inspection_report_task(job_id: int) -> dict:
    """The quarter's inspection report as XLSX or PDF."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    year, quarter, fmt = job.params["year"], job.params["quarter"], job.params.get("format", "xlsx")
    try:
        services.job_progress(job, done=0, total=2, message="부서별 수치를 계산하는 중입니다.")
        data = inspection.report(year, quarter, as_of=timezone.now())
        services.job_progress(job, done=1, total=2, message="파일을 만드는 중입니다.")
        content = inspection.write_pdf(data) if fmt == "pdf" else inspection.write_xlsx(data)
        attachment = services.store_attachment(
            job.owner, data=content, original_name=inspection.file_name(year, quarter, fmt), owner=job
        )
    except Exception as exc:
        services.fail_job(job, f"보고서를 만들지 못했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job,
        result={"departments": len(data["departments"])},
        result_file=attachment,
        message=f"{len(data['departments'])}개 부서의 점검 결과를 만들었습니다.",
    )
    return {"departments": len(data["departments"])}
