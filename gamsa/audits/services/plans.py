"""Plans, engagements, teams, checklists and the engagement workflow (계획 → 통보 → 실시 → 결과처리 → 공개 → 종료)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gamsa.audits.models import (
    NOTICE_DAYS,
    OPEN_DISPOSITION_STATUSES,
    AuditPlan,
    ChecklistItem,
    Disposition,
    Engagement,
    EngagementMember,
    EngagementStatus,
    EngagementType,
)
from gamsa.audits.services import AuditError
from gamsa.core import calendar as legal
from gamsa.core.services import next_case_number, record_event
from gamsa.core.validators import date_window_problem, year_problem

S = EngagementStatus


@transaction.atomic
def create_plan(
    actor, *, year: int, title: str, policy: str = "", adopted_on=None, reported_to_bai_on=None
) -> AuditPlan:
    problem = year_problem(year, "감사계획 연도") or date_window_problem(adopted_on, "수립일")
    problem = problem or date_window_problem(reported_to_bai_on, "감사원 송부일")
    if problem:
        raise AuditError(problem)
    if not (title or "").strip():
        raise AuditError("계획명을 입력하세요.")
    if AuditPlan.objects.filter(year=year).exists():
        raise AuditError(f"{year}년 감사계획이 이미 있습니다.")
    plan = AuditPlan.objects.create(
        year=year,
        title=title,
        policy=policy,
        adopted_on=adopted_on,
        reported_to_bai_on=reported_to_bai_on,
        created_by=actor,
    )
    record_event(actor, "audit_plan.created", plan, year=year)
    return plan


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def copy_plan(actor, source: AuditPlan, *, year: int) -> AuditPlan:
    """Start a year's plan from an earlier one: every engagement is copied as 계획 with its targets, team size
    and checklist (results cleared), dates moved by the years between; nothing of the old results is copied."""
    problem = year_problem(year, "감사계획 연도")
    if problem:
        raise AuditError(problem)
    if AuditPlan.objects.filter(year=year).exists():
        raise AuditError(f"{year}년 감사계획이 이미 있습니다. 기존 계획에 감사를 추가하세요.")
    years = year - source.year
    plan = AuditPlan.objects.create(
        year=year,
        title=source.title.replace(str(source.year), str(year)),
        policy=source.policy,
        copied_from=source,
        created_by=actor,
    )
    copied = 0
    for old in source.engagements.prefetch_related("targets", "checklist").order_by("start_date", "pk"):
        new = _new_engagement(
            actor,
            plan=plan,
            title=old.title,
            purpose=old.purpose,
            type=old.type,
            theme=old.theme,
            scope=old.scope,
            start_date=_shift_year(old.start_date, years),
            end_date=_shift_year(old.end_date, years),
            headcount=old.headcount,
            copied_from=old,
        )
        new.targets.set(old.targets.all())
        _copy_items(old, new)
        copied += 1
    record_event(actor, "audit_plan.copied", plan, source_year=source.year, engagements=copied)
    return plan


def _new_engagement(actor, **fields) -> Engagement:
    start, end = fields["start_date"], fields["end_date"]
    if end < start:
        raise AuditError("감사 종료일이 시작일보다 빠릅니다.")
    if fields.get("theme") and fields["type"] != EngagementType.DISCIPLINE:
        raise AuditError("특별점검 주제는 복무감사(공직기강 특별점검)에만 정할 수 있습니다.")
    number, _ = next_case_number("audit", start.year, prefix="AU")
    return Engagement.objects.create(case_number=number, created_by=actor, **fields)


@transaction.atomic
def create_engagement(actor, *, targets, plan: AuditPlan | None = None, **fields) -> Engagement:
    if not targets:
        raise AuditError("감사 대상 부서·동·시설을 하나 이상 고르세요.")
    if plan is None and not fields.get("out_of_plan_reason"):
        raise AuditError("연간 감사계획에 없는 감사는 별도 계획의 사유를 적어야 합니다 (시행령 제11조②).")
    engagement = _new_engagement(actor, plan=plan, **fields)
    engagement.targets.set(targets)
    record_event(
        actor, "engagement.planned", engagement, type=engagement.type, targets=[t.name for t in targets]
    )
    return engagement


@transaction.atomic
def add_member(actor, engagement: Engagement, *, user, kind: str, is_lead=False, duty="") -> EngagementMember:
    if engagement.status == S.CLOSED:
        raise AuditError("종료된 감사의 감사단은 바꿀 수 없습니다.")
    if EngagementMember.objects.filter(engagement=engagement, user=user).exists():
        raise AuditError("이미 감사단에 있는 사람입니다.")
    member = EngagementMember.objects.create(
        engagement=engagement, user=user, kind=kind, is_lead=is_lead, duty=duty
    )
    record_event(actor, "engagement.member_added", engagement, member=user.username, kind=kind)
    return member


def _copy_items(source: Engagement, target: Engagement) -> int:
    start = target.checklist.count()
    items = [
        ChecklistItem(engagement=target, order=start + i, area=item.area, text=item.text)
        for i, item in enumerate(source.checklist.all(), start=1)
    ]
    ChecklistItem.objects.bulk_create(items)
    return len(items)


@transaction.atomic
def copy_checklist(actor, source: Engagement, target: Engagement) -> int:
    if source.pk == target.pk:
        raise AuditError("같은 감사에서는 복사할 수 없습니다.")
    count = _copy_items(source, target)
    if not count:
        raise AuditError("복사할 점검 항목이 없습니다.")
    record_event(actor, "engagement.checklist_copied", target, source=source.case_number, items=count)
    return count


@transaction.atomic
def add_checklist_item(actor, engagement: Engagement, *, text: str, area: str = "") -> ChecklistItem:
    if not text.strip():
        raise AuditError("점검 항목을 적으세요.")
    item = ChecklistItem.objects.create(
        engagement=engagement, order=engagement.checklist.count() + 1, text=text.strip(), area=area
    )
    record_event(actor, "engagement.checklist_item_added", engagement, text=item.text)
    return item


@transaction.atomic
def set_checklist_result(actor, item: ChecklistItem, *, result: str, note: str = "") -> ChecklistItem:
    item.result, item.note = result, note
    item.save(update_fields=["result", "note"])
    record_event(actor, "engagement.checklist_checked", item.engagement, item=item.text, result=result)
    return item


# --- workflow -------------------------------------------------------------------------------------------------


def notice_latest_day(engagement: Engagement) -> dt.date:
    """The last day the prior notice may be given, "감사예정일 7일 전까지" (시행령 제12조①) counted backwards by
    민법 (the strict reading; `LegalCalendar.latest_day_before`): a start on 12 Oct needs the notice by 4 Oct."""
    return legal.get_calendar().latest_day_before(engagement.start_date, NOTICE_DAYS)


def notice_advice(engagement: Engagement) -> dict:
    """What the engagement page says about the prior notice: the last day, and the last working day on or before
    it when that day is a Saturday, Sunday or holiday."""
    calendar = legal.get_calendar()
    latest = calendar.latest_day_before(engagement.start_date, NOTICE_DAYS)
    working = calendar.previous_working_day(latest, include_self=True)
    return {"latest": latest, "last_working_day": working if working != latest else None}


def _require(engagement: Engagement, *statuses: str) -> None:
    if engagement.status not in statuses:
        labels = ", ".join(S(s).label for s in statuses)
        raise AuditError(
            f"지금 상태({engagement.get_status_display()})에서는 할 수 없습니다. ({labels} 상태에서 가능)"
        )


@transaction.atomic
def notify_engagement(
    actor, engagement: Engagement, *, notified_on: dt.date, exception: str = ""
) -> Engagement:
    """사전 통보: at least 7 days before the start, unless an exception of 시행령 제12조① 단서 is recorded."""
    _require(engagement, S.PLANNED)
    latest = notice_latest_day(engagement)
    if notified_on > latest and not exception.strip():
        raise AuditError(
            f"감사예정일 {NOTICE_DAYS}일 전까지 통보해야 합니다 (공공감사에 관한 법률 시행령 제12조①). "
            f"시작일이 {engagement.start_date:%Y. %-m. %-d.}이므로 {latest:%Y. %-m. %-d.}까지 통보해야 합니다 "
            f"(시작 전날부터 거꾸로 세어 {NOTICE_DAYS}일째 날이 시작되기 전까지). "
            "긴급하거나 감사 목적 달성에 지장이 있는 경우에는 예외 사유를 적으세요."
        )
    engagement.status = S.NOTIFIED
    engagement.notified_on = notified_on
    engagement.notice_exception = exception.strip()
    engagement.save(update_fields=["status", "notified_on", "notice_exception"])
    record_event(
        actor, "engagement.notified", engagement, notified_on=notified_on, exception=exception.strip()
    )
    return engagement


@transaction.atomic
def start_fieldwork(actor, engagement: Engagement) -> Engagement:
    _require(engagement, S.NOTIFIED)
    engagement.status = S.FIELDWORK
    engagement.save(update_fields=["status"])
    record_event(actor, "engagement.fieldwork_started", engagement)
    return engagement


@transaction.atomic
def finish_fieldwork(actor, engagement: Engagement, *, ended_on: dt.date | None = None) -> Engagement:
    """The audit ends; the 60-day clock of the result notice (법 제23조①) starts from the calendar."""
    _require(engagement, S.FIELDWORK)
    ended_on = ended_on or timezone.localdate()
    if ended_on < engagement.start_date:
        raise AuditError("실지감사 종료일이 감사 시작일보다 빠릅니다.")
    moment = dt.datetime.combine(ended_on, legal.END_OF_DAY, legal.SEOUL)
    engagement.status = S.RESULTING
    engagement.fieldwork_ended_on = ended_on
    engagement.result_due_at = legal.deadline_for("audit_result_notice", moment).due_at
    engagement.save(update_fields=["status", "fieldwork_ended_on", "result_due_at"])
    record_event(actor, "engagement.fieldwork_finished", engagement, due=engagement.result_due_at)
    return engagement


@transaction.atomic
def notify_result(actor, engagement: Engagement, *, notified_at: dt.datetime | None = None) -> Engagement:
    """결과 통보: every disposition's reply clock starts from this moment (자체감사기준 제28조②)."""
    from gamsa.audits.services.findings import start_clock

    _require(engagement, S.RESULTING)
    if engagement.result_notified_at:
        raise AuditError("이미 결과를 통보했습니다.")
    notified_at = notified_at or timezone.now()
    engagement.result_notified_at = notified_at
    engagement.save(update_fields=["result_notified_at"])
    calendar = legal.get_calendar()
    started = 0
    for disposition in Disposition.objects.filter(finding__engagement=engagement, status="draft"):
        start_clock(disposition, notified_at, calendar)
        started += 1
    late = engagement.result_due_at is not None and notified_at > engagement.result_due_at
    record_event(actor, "engagement.result_notified", engagement, dispositions=started, late=late)
    return engagement


@transaction.atomic
def publish(
    actor, engagement: Engagement, *, summary: str, published_on: dt.date | None = None
) -> Engagement:
    """공개 (법 제26조): published in principle; findings marked non-public stay hidden with their reason."""
    _require(engagement, S.RESULTING)
    if not engagement.result_notified_at:
        raise AuditError("결과를 통보한 뒤에 공개할 수 있습니다.")
    if not summary.strip():
        raise AuditError("공개용 요약을 적으세요.")
    engagement.status = S.PUBLISHED
    engagement.public_summary = summary.strip()
    engagement.published_on = published_on or timezone.localdate()
    engagement.save(update_fields=["status", "public_summary", "published_on"])
    record_event(actor, "engagement.published", engagement)
    return engagement


@transaction.atomic
def close(actor, engagement: Engagement) -> Engagement:
    _require(engagement, S.PUBLISHED)
    open_count = Disposition.objects.filter(
        finding__engagement=engagement, status__in=(*OPEN_DISPOSITION_STATUSES, "reported")
    ).count()
    if open_count:
        raise AuditError(f"이행이 끝나지 않은 처분요구가 {open_count}건 있어 종료할 수 없습니다.")
    engagement.status = S.CLOSED
    engagement.closed_on = timezone.localdate()
    engagement.save(update_fields=["status", "closed_on"])
    record_event(actor, "engagement.closed", engagement)
    return engagement
