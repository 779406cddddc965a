"""/api/v1/integrity/…: the programme's figures as JSON (aggregates only; no person, no answer)."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.integrity import permissions as perms
from gamsa.integrity.pledges import selectors as pledge_selectors
from gamsa.integrity.survey import results
from gamsa.integrity.survey.models import Questionnaire
from gamsa.integrity.training import selectors as training_selectors

router = Router(tags=["integrity"])


class RateRow(Schema):
    unit: str
    staff: int
    done: int
    rate: float


class Rates(Schema):
    year: int
    staff: int
    done: int
    rate: float
    departments: list[RateRow]


class StageRow(Schema):
    stage: str
    staff: int
    done: int
    rate: float


class RiskRow(Schema):
    area: str
    score: float | None
    level: str
    previous: float | None
    change: float | None


class RiskMap(Schema):
    year: int
    status: str
    answers: int
    hidden_groups: int
    areas: list[RiskRow]


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _reader(request):
    user = _user(request)
    if not perms.is_reader(user):
        raise HttpError(404, "찾을 수 없습니다.")
    return user


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise HttpError(400, "연도가 올바르지 않습니다.")
    return year


@router.get("/integrity/pledges/{year}", response=Rates, auth=SIGNED_IN_AUTH, summary="청렴서약 서명률")
def pledge_rates(request, year: int):
    _reader(request)
    rows, total = pledge_selectors.rates(_year(year))
    return {
        "year": year,
        "staff": total["staff"],
        "done": total["done"],
        "rate": total["rate"],
        "departments": [
            {"unit": r["unit"], "staff": r["staff"], "done": r["done"], "rate": r["rate"]} for r in rows
        ],
    }


@router.get(
    "/integrity/training/{year}", response=Rates, auth=SIGNED_IN_AUTH, summary="청렴교육 이수율(부서별)"
)
def training_rates(request, year: int):
    _reader(request)
    rows, total = training_selectors.department_rates(_year(year))
    return {
        "year": year,
        "staff": total["staff"],
        "done": total["done"],
        "rate": total["rate"],
        "departments": [
            {"unit": r["unit"], "staff": r["staff"], "done": r["done"], "rate": r["rate"]} for r in rows
        ],
    }


@router.get(
    "/integrity/training/{year}/stages",
    response=list[StageRow],
    auth=SIGNED_IN_AUTH,
    summary="생애주기별 이수율",
)
def training_stages(request, year: int):
    _reader(request)
    return [
        {k: r[k] for k in ("stage", "staff", "done", "rate")}
        for r in training_selectors.stage_rates(_year(year))
    ]


@router.get(
    "/integrity/risk/{year}",
    response=RiskMap,
    auth=SIGNED_IN_AUTH,
    summary="부패위험성 진단평가 분야별 결과(집계)",
)
def risk_map(request, year: int):
    _reader(request)
    q = Questionnaire.objects.filter(year=_year(year)).first()
    if q is None:
        raise HttpError(404, "그 해의 진단평가가 없습니다.")
    data = results.risk_map(q)
    if not data or not data.get("total"):
        return {"year": year, "status": q.status, "answers": 0, "hidden_groups": 0, "areas": []}
    return {
        "year": year,
        "status": q.status,
        "answers": data["answers"],
        "hidden_groups": data["hidden"],
        "areas": [{k: r[k] for k in ("area", "score", "level", "previous", "change")} for r in data["rows"]],
    }
