"""The filtered grievance list as XLSX (openpyxl write-only), with the import's Korean headers.

Complainants' names, phones and addresses are included only when asked for (and allowed); such an export is
a read of personal data and writes one access-log row (action "export", the row count).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from gamsa.complaints.grievances import permissions as grievance_perms
from gamsa.complaints.grievances.forms import FilterForm
from gamsa.complaints.grievances.models import Answer, Grievance
from gamsa.complaints.grievances.selectors import filtered
from gamsa.complaints.io import permissions as perms
from gamsa.core import services
from gamsa.core.models import AccessLog, Job, User
from gamsa.core.services import log_access
from gamsa.core.xlsx import new_sheet

BATCH = 2000
DIRECT_LIMIT = 1000  # larger lists are written by a background task with a progress bar
PERSONAL_FIELDS = ["성명", "연락처", "주소"]
BASE_HEADERS = ["접수번호", "접수일시", "접수경로", "민원종류"]
PERSONAL_HEADERS = ["민원인", "연락처"]
TAIL_HEADERS = ["제목", "내용", "주소", "처리부서", "상태", "답변일시", "답변내용", "처리기한", "연장횟수"]


def export_queryset(user: User, params: dict) -> QuerySet:
    """The grievances of the list page's filters (FilterForm data) that `user` may see, oldest first."""
    form = FilterForm(params)
    base = grievance_perms.visible_grievances(user, Grievance.objects.all())
    rows = filtered(base, form.cleaned_data, timezone.now()) if form.is_valid() else base.none()
    return (
        rows.select_related("department", "complainant")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.order_by("answered_at").only("grievance_id", "text", "answered_at"),
            )
        )
        .order_by("received_at", "id")
    )


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def write_xlsx(
    queryset: QuerySet, *, include_personal: bool, progress: Callable[[int, int], None] | None = None
) -> tuple[bytes, int]:
    """(XLSX bytes, row count)."""
    total = queryset.count()
    if progress:
        progress(0, total)
    headers = BASE_HEADERS + (PERSONAL_HEADERS if include_personal else []) + TAIL_HEADERS
    if include_personal:
        headers.append("민원인주소")
    wb, ws = new_sheet("고충민원", headers)
    done = 0
    for g in queryset.iterator(chunk_size=BATCH):
        answers = list(g.answers.all())
        last = answers[-1] if answers else None
        row = [g.case_number, _moment(g.received_at), g.get_channel_display(), g.get_kind_display()]
        if include_personal:
            row += [g.complainant.name, g.complainant.phone]
        row += [
            g.title,
            g.body,
            g.place_address,
            g.department.name if g.department_id else "",
            g.get_status_display(),
            _moment(g.answered_at or (last.answered_at if last else None)),
            last.text if last else "",
            _moment(g.due_at),
            g.extension_count,
        ]
        if include_personal:
            row.append(g.complainant.address)
        ws.append(row)
        done += 1
        if progress and done % BATCH == 0:
            progress(done, total)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), done


def export_grievances(
    user: User,
    params: dict,
    *,
    include_personal: bool,
    request=None,
    target=None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[bytes, int]:
    """Write the export and, when it holds personal data, the access-log row."""
    include_personal = include_personal and perms.may_export_personal(user)
    data, count = write_xlsx(
        export_queryset(user, params), include_personal=include_personal, progress=progress
    )
    if include_personal and count:
        log_access(
            user,
            target,
            PERSONAL_FIELDS,
            action=AccessLog.Action.EXPORT,
            request=request,
            count=count,
            reason="고충민원 목록 엑셀 내보내기",
            target_type="complaints.grievance",
            target_id="" if target is not None else "목록",
        )
    return data, count


def file_name() -> str:
    return f"고충민원_{timezone.localtime():%Y%m%d_%H%M}.xlsx"


def run_export_job(job_id: int) -> dict:
    """A large export, for the job `job_id` (the background task's work): the file is attached to the job."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        data, count = export_grievances(
            job.owner,
            job.params.get("filters", {}),
            include_personal=job.params.get("personal", False),
            target=job,
            progress=lambda done, total: services.job_progress(job, done=done, total=total),
        )
        attachment = services.store_attachment(job.owner, data=data, original_name=file_name(), owner=job)
    except Exception as exc:
        services.fail_job(job, f"내보내기에 실패했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job, result={"rows": count}, result_file=attachment, message=f"{count:,}건을 내보냈습니다."
    )
    return {"rows": count}
