"""Core's background work (Tasks API). The database backend runs them in `gamsa db_worker`."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from django_tasks import task

from gamsa.core import services
from gamsa.core.models import AccessLog, Job
from gamsa.core.selectors import ACCESS_TEXT_FIELDS, filter_log
from gamsa.core.xlsx import new_sheet

BATCH = 2000


@task(queue_name="reports")
def export_access_log(job_id: int) -> dict:
    """Write the filtered access log to an XLSX file attached to the job, reporting progress."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        params = dict(job.params)
        for name in ("since", "until"):
            if params.get(name):
                params[name] = dt.date.fromisoformat(params[name])
        rows = filter_log(AccessLog.objects.order_by("-at", "-id"), params, ACCESS_TEXT_FIELDS, "user_label")
        total = rows.count()
        services.job_progress(job, done=0, total=total, message="접근기록을 모으는 중입니다.")
        wb, ws = new_sheet(
            "접근기록",
            [
                "일시",
                "열람자",
                "행위",
                "대상 종류",
                "대상",
                "열람 항목",
                "건수",
                "화면·경로",
                "접속지",
                "사유",
            ],
        )
        actions = dict(AccessLog.Action.choices)
        done = 0
        for row in rows.iterator(chunk_size=BATCH):
            ws.append(
                [
                    timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                    row.user_label,
                    actions.get(row.action, row.action),
                    row.target_type,
                    row.target_id,
                    ", ".join(row.fields),
                    row.record_count,
                    row.path,
                    row.ip_address or "",
                    row.reason,
                ]
            )
            done += 1
            if done % BATCH == 0:
                services.job_progress(job, done=done)
        buffer = io.BytesIO()
        wb.save(buffer)
        name = f"개인정보접근기록_{timezone.localtime():%Y%m%d_%H%M}.xlsx"
        attachment = services.store_attachment(
            job.owner, data=buffer.getvalue(), original_name=name, owner=job
        )
        # Exporting the access log is itself a read of who looked at whom: record it.
        services.log_access(
            job.owner,
            job,
            ["접근기록"],
            action=AccessLog.Action.EXPORT,
            count=done,
            reason="접근기록 내보내기",
        )
        services.finish_job(
            job, result={"rows": done}, result_file=attachment, message=f"{done:,}건을 내보냈습니다."
        )
        return {"rows": done}
    except Exception as exc:
        services.fail_job(job, f"내보내기에 실패했습니다: {exc.__class__.__name__}")
        raise
