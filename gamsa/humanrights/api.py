"""/api/v1/humanrights/…: the yearly plan with its targets and results, impact assessments (a department sees its
own), education counts and the yearly figures. Counts and records without personal data."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.core.paging import BoundedPagination
from gamsa.humanrights import permissions as perms
from gamsa.humanrights import stats
from gamsa.humanrights.models import Draft, Plan

router = Router(tags=["humanrights"])


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _year(year: int | None) -> int:
    from gamsa.humanrights.common import today

    year = year or today().year
    if not 2000 <= year <= 2100:
        raise HttpError(400, "연도는 2000년에서 2100년 사이여야 합니다.")
    return year


class MeasureOut(Schema):
    area: str
    title: str
    unit: str
    target: int
    actual: int | None = Field(description="12월 종합평가 전에는 null")
    achievement: int | None = Field(description="실적 ÷ 목표 (%)")
    metric: str
    evaluation_note: str


class HumanRightsPlanOut(Schema):
    year: int
    title: str
    basis: str
    established_on: dt.date
    evaluated_on: dt.date | None
    evaluation_summary: str
    measures: list[MeasureOut]


@router.get(
    "/humanrights/plans/{year}",
    response=HumanRightsPlanOut,
    auth=SIGNED_IN_AUTH,
    summary="인권 세부추진계획과 종합평가",
)
def plan(request, year: int):
    if not perms.is_reader(_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    found = Plan.objects.filter(year=year).first()
    if found is None:
        raise HttpError(404, "찾을 수 없습니다.")
    return {
        "year": found.year,
        "title": found.title,
        "basis": found.basis,
        "established_on": found.established_on,
        "evaluated_on": found.evaluated_on,
        "evaluation_summary": found.evaluation_summary,
        "measures": [
            {
                "area": m.area,
                "title": m.title,
                "unit": m.unit,
                "target": m.target,
                "actual": m.actual,
                "achievement": m.achievement,
                "metric": m.metric,
                "evaluation_note": m.evaluation_note,
            }
            for m in found.measures.all()
        ],
    }


class DraftRow(Schema):
    case_number: str
    title: str
    legislation_type: str
    kind: str
    department: str
    received_at: dt.datetime
    due_at: dt.datetime
    status: str
    recommendation: str
    assessed_on: dt.date | None
    response: str


class DraftOut(DraftRow):
    summary: str
    recommendation_text: str
    response_text: str
    responded_on: dt.date | None
    checklist_version: int | None
    answers: list[dict]


DRAFT_FIELDS = ("case_number", "title", "legislation_type", "kind", "received_at", "due_at", "status",
                "recommendation", "assessed_on", "response")  # fmt: skip


@router.get(
    "/humanrights/assessments", response=list[DraftRow], auth=SIGNED_IN_AUTH, summary="인권영향평가 목록"
)
@paginate(BoundedPagination)
def assessments(request, year: int | None = None, **kwargs):
    user = _user(request)
    if not perms.can_see_assessments(user):
        raise HttpError(404, "찾을 수 없습니다.")
    rows = perms.visible_drafts(user, Draft.objects.filter(year=_year(year))).order_by("-received_at", "-id")
    return [
        {**{f: getattr(d, f) for f in DRAFT_FIELDS}, "department": d.department.name}
        for d in rows.select_related("department")
    ]


@router.get(
    "/humanrights/assessments/{case_number}", response=DraftOut, auth=SIGNED_IN_AUTH, summary="인권영향평가"
)
def assessment(request, case_number: str):
    user = _user(request)
    found = (
        Draft.objects.select_related("department", "checklist").filter(case_number=case_number[:20]).first()
    )
    if found is None or not perms.can_open_draft(user, found):
        raise HttpError(404, "찾을 수 없습니다.")
    return {
        **{f: getattr(found, f) for f in DRAFT_FIELDS},
        "department": found.department.name,
        "summary": found.summary,
        "recommendation_text": found.recommendation_text,
        "response_text": found.response_text,
        "responded_on": found.responded_on,
        "checklist_version": found.checklist.version if found.checklist else None,
        "answers": [
            {"order": a.item.order, "question": a.item.question, "result": a.result, "note": a.note}
            for a in found.answers.select_related("item")
        ],
    }


class EducationLine(Schema):
    audience: str = Field(description="staff | resident | visiting | tour")
    label: str
    programme: str
    count: int = Field(description="횟수 (기관·시설 방문은 기관·시설 수)")
    unit: str
    sessions: int
    participants: int


class EducationOut(Schema):
    year: int
    lines: list[EducationLine]


@router.get(
    "/humanrights/education/counts",
    response=EducationOut,
    auth=SIGNED_IN_AUTH,
    summary="인권교육 대상별 실적",
)
def education_counts(request, year: int | None = None):
    if not perms.is_reader(_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    year = _year(year)
    return {"year": year, "lines": stats.education_counts(year)}


class FiguresOut(Schema):
    year: int
    plan: dict
    education: list[EducationLine]
    committee: dict
    monitors: dict
    assessments: dict
    contest: dict


@router.get(
    "/humanrights/figures", response=FiguresOut, auth=SIGNED_IN_AUTH, summary="인권 분야 주요 추진실적"
)
def figures(request, year: int | None = None):
    if not perms.is_reader(_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    return stats.yearly_figures(_year(year))
