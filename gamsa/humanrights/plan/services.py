"""Writes of the yearly plan: the plan (March), its measures with targets, and the December evaluation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.common import HumanRightsError, day, require, text
from gamsa.humanrights.plan.models import Measure, Metric, Plan


@transaction.atomic
def create_plan(
    actor: User, *, year: int, title: str, established_on: dt.date, basis: str = "", summary: str = ""
) -> Plan:
    require(perms.can_manage(actor))
    if not 2000 <= int(year) <= 2100:
        raise HumanRightsError("연도가 올바르지 않습니다.")
    if Plan.objects.filter(year=year).exists():
        raise HumanRightsError(f"{year}년 세부추진계획이 이미 있습니다.")
    established_on = day(established_on, "수립일")
    if established_on.year not in (year - 1, year):
        raise HumanRightsError("수립일은 계획 연도이거나 그 전 해여야 합니다.")
    plan = Plan.objects.create(
        year=year,
        title=text(title, "계획명", 150),
        basis=text(basis, "근거 기본계획", 150, required=False),
        established_on=established_on,
        summary=text(summary, "추진 방향", required=False),
        created_by=actor,
    )
    record_event(actor, "humanrights.plan_created", plan, year=year, established_on=established_on)
    return plan


@transaction.atomic
def add_measure(
    actor: User,
    plan: Plan,
    *,
    area: str,
    title: str,
    target: int,
    unit: str = "회",
    metric: str = Metric.MANUAL,
) -> Measure:
    require(perms.can_manage(actor))
    if plan.evaluated_on:
        raise HumanRightsError("종합평가를 마친 계획에는 세부 사업을 더할 수 없습니다.")
    if metric not in Metric.values:
        raise HumanRightsError("실적 집계 방법을 고르세요.")
    if target is None or int(target) < 1:
        raise HumanRightsError("목표는 1 이상이어야 합니다.")
    order = (plan.measures.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    measure = Measure.objects.create(
        plan=plan,
        order=order,
        area=text(area, "추진 분야", 60),
        title=text(title, "세부 사업", 150),
        unit=text(unit, "단위", 10),
        target=int(target),
        metric=metric,
    )
    record_event(
        actor, "humanrights.measure_added", plan, measure=str(measure.public_id), goal=measure.target
    )
    return measure


@transaction.atomic
def evaluate_plan(
    actor: User, plan: Plan, *, evaluated_on: dt.date, summary: str, results: dict[str, tuple[int, str]]
) -> Plan:
    """The December evaluation: `results` maps each measure's public id to (actual, note). Every measure needs a
    result; the evaluation may be recorded again (a correction) and the event keeps what was recorded."""
    require(perms.can_manage(actor))
    evaluated_on = day(evaluated_on, "종합평가일")
    if evaluated_on < plan.established_on:
        raise HumanRightsError("종합평가일은 계획 수립일보다 빠를 수 없습니다.")
    measures = list(plan.measures.all())
    if not measures:
        raise HumanRightsError("세부 사업이 없는 계획은 평가할 수 없습니다.")
    for measure in measures:
        actual, note = results.get(str(measure.public_id), (None, ""))
        if actual is None or int(actual) < 0:
            raise HumanRightsError(f"'{measure.title}'의 실적을 입력하세요.")
        measure.actual = int(actual)
        measure.evaluation_note = text(note, "평가 의견", 300, required=False)
    Measure.objects.bulk_update(measures, ["actual", "evaluation_note"])
    plan.evaluated_on = evaluated_on
    plan.evaluation_summary = text(summary, "종합평가 의견")
    plan.save(update_fields=["evaluated_on", "evaluation_summary"])
    achieved = sum(1 for m in measures if m.actual >= m.target)
    record_event(
        actor,
        "humanrights.plan_evaluated",
        plan,
        evaluated_on=evaluated_on,
        measures=len(measures),
        achieved=achieved,
        results={str(m.public_id): m.actual for m in measures},
    )
    return plan
