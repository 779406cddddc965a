"""Background work of the grievance desk (Tasks API): the import's adapter, list exports, inspection reports.

The import runs through core's one pipeline (gamsa/core/imports.py); `GrievanceImport` is its adapter.

Each task reads its parameters from a core Job, reports progress with `job_progress` and ends with
`finish_job` (the file attached) or `fail_job`. The `run_*` functions do the work and are also called directly
for small inputs, so the page answers at once.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from gamsa.complaints import exporting, importing, inspection
from gamsa.core import imports, services
from gamsa.core.models import Job


class GrievanceImport(imports.Importer):
    """The grievance file (names, phones): checked first, registered when the user confirms the preview."""

    key = "grievances"
    kind = "grievance_import"
    label = "고충민원 가져오기"
    check_kind = "grievance_import_check"
    check_label = "고충민원 가져오기 검사"

    def count_rows(self, data: bytes) -> int:
        return importing.count_rows(data)

    def run(self, job, data, *, check, skip_bad, progress) -> imports.Outcome:
        report = importing.import_grievances(
            job.owner,
            data,
            skip_bad=skip_bad,
            dry_run=check,
            source_name=job.params.get("name", ""),
            progress=progress,
        )
        if check:
            message = f"검사를 마쳤습니다: 정상 {len(report.created):,}행, 오류 {len(report.errors):,}행."
        elif report.committed:
            message = f"{len(report.created):,}건을 등록했습니다."
        else:
            message = f"잘못된 행 {len(report.errors):,}개가 있어 아무것도 등록하지 않았습니다."
        return imports.Outcome(report.as_dict(), message, report.committed)


@task(queue_name="imports")
def import_grievances_task(job_id: int) -> dict:
    """Tasks queued before the shared pipeline (core.imports) named this one; they run through it."""
    return imports.run_job(job_id)


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
