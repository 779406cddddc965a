"""/api/v1/investigations/cases: list and detail for those who may open the cases, access-logged."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.core.models import AccessLog
from gamsa.core.paging import BoundedPagination
from gamsa.core.services import log_access
from gamsa.investigations import permissions as perms
from gamsa.investigations import selectors
from gamsa.investigations.models import Case

router = Router(tags=["investigations"])


class CaseRow(Schema):
    case_number: str
    title: str
    source: str
    status: str
    received_on: dt.date
    nearest_expiry: dt.date | None


class AllegationOut(Schema):
    type: str
    ground: str
    act_date: dt.date
    expires_on: dt.date


class SubjectOut(Schema):
    name: str
    unit: str
    grade: str
    position: str
    action: str
    committee: str
    allegations: list[AllegationOut]


class CaseOut(CaseRow):
    external_body: str
    document_number: str
    document_date: dt.date | None
    subjects: list[SubjectOut]


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get("/investigations/cases", response=list[CaseRow], auth=SIGNED_IN_AUTH, summary="조사 사건 목록")
@paginate(BoundedPagination)
def cases(request, **kwargs):
    user = _user(request)
    if not perms.can_use_desk(user):
        raise HttpError(404, "찾을 수 없습니다.")
    return selectors.open_cases(user).values(
        "case_number", "title", "source", "status", "received_on", "nearest_expiry"
    )


@router.get("/investigations/cases/{case_number}", response=CaseOut, auth=SIGNED_IN_AUTH, summary="조사 사건")
def case(request, case_number: str):
    user = _user(request)
    found = Case.objects.filter(case_number=case_number[:20]).first()
    if found is None or not perms.can_open(user, found):
        raise HttpError(404, "찾을 수 없습니다.")
    log_access(
        user,
        found,
        ["대상자 성명", "소속", "직급", "비위 사실"],
        action=AccessLog.Action.API,
        request=request,
    )
    subjects = [
        {
            "name": s.name,
            "unit": s.unit.name,
            "grade": s.grade,
            "position": s.position,
            "action": s.action,
            "committee": s.committee,
            "allegations": [
                {
                    "type": a.allegation_type.code,
                    "ground": a.ground,
                    "act_date": a.act_date,
                    "expires_on": a.expires_on,
                }
                for a in s.allegations.all()
            ],
        }
        for s in found.subjects.select_related("unit").prefetch_related("allegations__allegation_type")
    ]
    return {
        "case_number": found.case_number,
        "title": found.title,
        "source": found.source,
        "status": found.status,
        "received_on": found.received_on,
        "nearest_expiry": found.nearest_expiry,
        "external_body": found.external_body,
        "document_number": found.document_number,
        "document_date": found.document_date,
        "subjects": subjects,
    }
