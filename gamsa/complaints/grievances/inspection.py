"""처리실태 점검: the complaint team's quarterly inspection of how each department handled its grievances.

Figures per department for the grievances RECEIVED in the quarter, as of the inspection moment (`as_of`):

- received: grievances received in the quarter and assigned to the department;
- finished: answered (answered_at) or otherwise ended by the department (반려·내부종결: closed_at);
  이송 and 취하 end the case without a department's handling and count in neither on time nor late;
- on_time: finished no later than the due moment (the due moment after lawful extensions);
- late: finished after the due moment, PLUS still-open cases whose due moment has passed at `as_of`;
- on_time_rate: on_time / (on_time + late); open cases not yet due are pending and not counted;
- avg_working_hours: the mean of `LegalCalendar.working_hours_between(received_at, finished)` over finished cases;
- extended / extensions: cases extended, and extensions in all.

The complainants' satisfaction per department (answers, average, share satisfied) comes from satisfaction.py.

The checklist (처리기간 준수, 처리결과 적정, 사후관리 적정: yes/no + note) and the feedback letter are stored per
department and quarter in InspectionRecord (`save_inspection`, one Event per save).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from gamsa.complaints.grievances.models import CHECK_ITEMS, OPEN_STATUSES, Grievance, InspectionRecord, Status
from gamsa.complaints.grievances.satisfaction import by_department
from gamsa.core import calendar as legal
from gamsa.core import services
from gamsa.core.calendar import SEOUL
from gamsa.core.models import Job, OrgUnit, User
from gamsa.core.services import record_event
from gamsa.core.xlsx import add_sheet, new_sheet

NOT_COUNTED = (Status.TRANSFERRED, Status.WITHDRAWN)
CHECK_LABELS = dict(CHECK_ITEMS)


class InspectionError(ValueError):
    """A refused input; Korean message."""


def quarter_bounds(year: int, quarter: int) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the quarter in Seoul time."""
    if not 1 <= quarter <= 4:
        raise InspectionError("분기는 1~4 가운데 고르세요.")
    start = dt.datetime(year, 3 * (quarter - 1) + 1, 1, tzinfo=SEOUL)
    end = (
        dt.datetime(year + 1, 1, 1, tzinfo=SEOUL)
        if quarter == 4
        else dt.datetime(year, 3 * quarter + 1, 1, tzinfo=SEOUL)
    )
    return start, end


def current_quarter(now: dt.datetime | None = None) -> tuple[int, int]:
    local = (now or timezone.now()).astimezone(SEOUL)
    return local.year, (local.month - 1) // 3 + 1


@dataclass
class DepartmentFigures:
    department_id: int
    department: str
    code: str
    received: int = 0
    finished: int = 0
    on_time: int = 0
    late: int = 0
    open_overdue: int = 0
    open_pending: int = 0
    not_counted: int = 0
    extended: int = 0
    extensions: int = 0
    avg_working_hours: float | None = None

    @property
    def on_time_rate(self) -> float | None:
        judged = self.on_time + self.late
        return round(self.on_time * 100 / judged, 1) if judged else None

    def as_dict(self) -> dict:
        return {**asdict(self), "on_time_rate": self.on_time_rate}


def figures(
    year: int, quarter: int, *, as_of: dt.datetime | None = None, calendar: legal.LegalCalendar | None = None
) -> list[DepartmentFigures]:
    """Per department (by name), the figures described in the module docstring."""
    start, end = quarter_bounds(year, quarter)
    as_of = as_of or timezone.now()
    cal = calendar or legal.get_calendar()
    rows = (
        Grievance.objects.filter(received_at__gte=start, received_at__lt=end, department__isnull=False)
        .values_list(
            "department_id",
            "department__name",
            "department__code",
            "status",
            "received_at",
            "due_at",
            "answered_at",
            "closed_at",
            "extension_count",
        )
        .order_by("department__path", "received_at")
    )
    result: dict[int, DepartmentFigures] = {}
    hours: dict[int, list[float]] = {}
    for (
        dept_id,
        name,
        code,
        status,
        received_at,
        due_at,
        answered_at,
        closed_at,
        extension_count,
    ) in rows.iterator(chunk_size=2000):
        f = result.get(dept_id)
        if f is None:
            f = result[dept_id] = DepartmentFigures(dept_id, name, code)
        f.received += 1
        if extension_count:
            f.extended += 1
            f.extensions += extension_count
        if status in NOT_COUNTED:
            f.not_counted += 1
            continue
        finished_at = answered_at or (closed_at if status not in OPEN_STATUSES else None)
        if finished_at is not None and finished_at <= as_of:
            f.finished += 1
            if finished_at <= due_at:
                f.on_time += 1
            else:
                f.late += 1
            hours.setdefault(dept_id, []).append(cal.working_hours_between(received_at, finished_at))
        elif due_at < as_of:
            f.open_overdue += 1
            f.late += 1  # still open after its due moment: late
        else:
            f.open_pending += 1
    for dept_id, values in hours.items():
        result[dept_id].avg_working_hours = round(sum(values) / len(values), 1)
    return list(result.values())


def totals(rows: list[DepartmentFigures]) -> DepartmentFigures:
    total = DepartmentFigures(0, "합계", "")
    weighted, count = 0.0, 0
    for f in rows:
        for name in (
            "received",
            "finished",
            "on_time",
            "late",
            "open_overdue",
            "open_pending",
            "not_counted",
            "extended",
            "extensions",
        ):
            setattr(total, name, getattr(total, name) + getattr(f, name))
        if f.avg_working_hours is not None:
            weighted += f.avg_working_hours * f.finished
            count += f.finished
    total.avg_working_hours = round(weighted / count, 1) if count else None
    return total


# --- the checklist and the letter -----------------------------------------------------------------------------


def empty_checklist() -> dict:
    return {code: {"ok": None, "note": ""} for code, _ in CHECK_ITEMS}


def clean_checklist(raw: dict) -> dict:
    out = empty_checklist()
    for code, _ in CHECK_ITEMS:
        item = raw.get(code) or {}
        ok = item.get("ok")
        if ok not in (True, False, None):
            raise InspectionError("점검 결과는 '적정', '부적정', '미점검' 가운데 고르세요.")
        note = str(item.get("note") or "").strip()
        if ok is False and not note:
            raise InspectionError(f"'{CHECK_LABELS[code]}'을(를) 부적정으로 판단했다면 그 사유를 적으세요.")
        out[code] = {"ok": ok, "note": note[:500]}
    return out


def _hours_text(value: float | None) -> str:
    return "—" if value is None else f"{value:g}근무시간"


def default_letter(year: int, quarter: int, f: DepartmentFigures, checklist: dict | None = None) -> str:
    """A draft of the feedback letter to the department; the officer edits it before sending."""
    checklist = checklist or empty_checklist()
    rate = "—" if f.on_time_rate is None else f"{f.on_time_rate:g}%"
    lines = [
        f"수신: {f.department}장",
        f"제목: {year}년 {quarter}분기 고충민원 처리실태 점검 결과 통보",
        "",
        f"1. 귀 부서의 {year}년 {quarter}분기 고충민원 처리실태를 점검한 결과를 다음과 같이 알려 드립니다.",
        f"  가. 접수 {f.received}건, 처리 {f.finished}건, 기한 내 처리 {f.on_time}건, 기한 경과 {f.late}건"
        f"(미처리 기한 경과 {f.open_overdue}건 포함), 기한 준수율 {rate}",
        f"  나. 평균 처리시간 {_hours_text(f.avg_working_hours)}, 처리기간 연장 {f.extended}건(연장 {f.extensions}회)",
        "2. 점검 항목별 결과",
    ]
    for code, label in CHECK_ITEMS:
        item = checklist.get(code) or {}
        verdict = {True: "적정", False: "부적정", None: "미점검"}[item.get("ok")]
        note = f" — {item['note']}" if item.get("note") else ""
        lines.append(f"  - {label}: {verdict}{note}")
    actions = []
    if f.open_overdue:
        actions.append(
            f"처리기한이 지난 미처리 민원 {f.open_overdue}건을 조속히 처리하고 민원인에게 중간 통지하시기 바랍니다."
        )
    if any((checklist.get(code) or {}).get("ok") is False for code, _ in CHECK_ITEMS):
        actions.append("부적정 항목에 대한 개선 대책을 마련하여 회신하시기 바랍니다.")
    lines.append(
        "3. 조치 요청: "
        + (" ".join(actions) if actions else "특이사항 없음. 현재의 처리 수준을 유지하여 주시기 바랍니다.")
    )
    return "\n".join(lines)


@transaction.atomic
def save_inspection(
    actor: User,
    *,
    year: int,
    quarter: int,
    department: OrgUnit,
    checklist: dict,
    letter: str,
    figures_snapshot: dict | None = None,
) -> InspectionRecord:
    quarter_bounds(year, quarter)
    cleaned = clean_checklist(checklist)
    record, created = InspectionRecord.objects.select_for_update().get_or_create(
        year=year,
        quarter=quarter,
        department=department,
        defaults={
            "checklist": cleaned,
            "letter": letter.strip(),
            "figures": figures_snapshot or {},
            "inspected_by": actor,
        },
    )
    if not created:
        record.checklist, record.letter, record.inspected_by = cleaned, letter.strip(), actor
        if figures_snapshot is not None:
            record.figures = figures_snapshot
        record.save()
    record_event(
        actor,
        "inspection.saved",
        record,
        year=year,
        quarter=quarter,
        department=department.code,
        checklist={k: v["ok"] for k, v in cleaned.items()},
    )
    return record


def report(year: int, quarter: int, *, as_of: dt.datetime | None = None) -> dict:
    """Everything the page, the XLSX and the PDF show."""
    rows = figures(year, quarter, as_of=as_of)
    records = {r.department_id: r for r in InspectionRecord.objects.filter(year=year, quarter=quarter)}
    departments = []
    for f in rows:
        record = records.get(f.department_id)
        checklist = record.checklist if record else empty_checklist()
        departments.append(
            {
                "figures": f,
                "record": record,
                "checklist": [
                    {"code": code, "label": label, **(checklist.get(code) or {"ok": None, "note": ""})}
                    for code, label in CHECK_ITEMS
                ],
                "letter": record.letter
                if record and record.letter
                else default_letter(year, quarter, f, checklist),
            }
        )
    as_of = as_of or timezone.now()
    start, end = quarter_bounds(year, quarter)
    satisfaction, satisfaction_total = by_department(start, end, as_of=as_of)
    return {
        "year": year,
        "quarter": quarter,
        "as_of": as_of,
        "departments": departments,
        "total": totals(rows),
        "satisfaction": satisfaction,
        "satisfaction_total": satisfaction_total,
    }


# --- files --------------------------------------------------------------------------------------------------------

VERDICT = {True: "적정", False: "부적정", None: "미점검"}


def write_xlsx(data: dict) -> bytes:
    wb, ws = new_sheet("부서별 처리실태", [f"{data['year']}년 {data['quarter']}분기 고충민원 처리실태 점검"])
    ws.append(
        [
            "부서",
            "접수",
            "처리",
            "기한 내",
            "기한 경과",
            "미처리 기한 경과",
            "처리 중(기한 전)",
            "이송·취하",
            "기한 준수율(%)",
            "평균 처리시간(근무시간)",
            "연장 건수",
            "연장 횟수",
        ]
        + [label for _, label in CHECK_ITEMS]
        + [f"{label} 비고" for _, label in CHECK_ITEMS]
    )
    for item in data["departments"] + [{"figures": data["total"], "checklist": []}]:
        f = item["figures"]
        ws.append(
            [
                f.department,
                f.received,
                f.finished,
                f.on_time,
                f.late,
                f.open_overdue,
                f.open_pending,
                f.not_counted,
                f.on_time_rate,
                f.avg_working_hours,
                f.extended,
                f.extensions,
            ]
            + [VERDICT[c["ok"]] for c in item["checklist"]]
            + [c["note"] for c in item["checklist"]]
        )
    survey = add_sheet(
        wb, "민원인 만족도", ["부서", "응답 수", "평균(5점 만점)", "만족(4·5점)", "만족 비율(%)"]
    )
    for s in data["satisfaction"] + [data["satisfaction_total"]]:
        survey.append([s.department, s.answers, s.average, s.satisfied, s.satisfied_rate])
    letters = add_sheet(wb, "통보문", ["부서", "통보문"])
    for item in data["departments"]:
        letters.append([item["figures"].department, item["letter"]])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_pdf(data: dict) -> bytes:
    """The report and one letter per department, rendered by WeasyPrint with the vendored Pretendard GOV font."""
    from gamsa.core.pdf import render_pdf

    return render_pdf("complaints/io/inspection_pdf.html", data)


def file_name(year: int, quarter: int, ext: str) -> str:
    return f"고충민원_처리실태점검_{year}년{quarter}분기.{ext}"


def run_report_job(job_id: int) -> dict:
    """The quarter's inspection report as XLSX or PDF, for the job `job_id` (the background task's work)."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    year, quarter, fmt = job.params["year"], job.params["quarter"], job.params.get("format", "xlsx")
    try:
        services.job_progress(job, done=0, total=2, message="부서별 수치를 계산하는 중입니다.")
        data = report(year, quarter, as_of=timezone.now())
        services.job_progress(job, done=1, total=2, message="파일을 만드는 중입니다.")
        content = write_pdf(data) if fmt == "pdf" else write_xlsx(data)
        attachment = services.store_attachment(
            job.owner, data=content, original_name=file_name(year, quarter, fmt), owner=job
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
