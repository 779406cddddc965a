"""The complainant's own writes: the satisfaction survey after the answer (one per grievance).

The caller has proved to be the complainant (receipt number + PIN + phone digits, held in the status session:
grievances/permissions_public.py); this service refuses what the page would refuse.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gamsa.complaints.grievances.models import Grievance, SatisfactionSurvey, Status
from gamsa.complaints.grievances.services.workflow import GrievanceError, lock
from gamsa.core.services import record_event
from gamsa.core.validators import reject_rrn

COMMENT_MAX = 500
SURVEY_STATUSES = (Status.ANSWERED, Status.CLOSED)


def survey_open(grievance: Grievance) -> bool:
    """Whether the complainant may still rate this grievance: answered, and not rated yet."""
    return (
        grievance.status in SURVEY_STATUSES
        and grievance.answers.exists()
        and not SatisfactionSurvey.objects.filter(grievance=grievance).exists()
    )


@transaction.atomic
def submit_survey(
    actor, grievance: Grievance, *, score: int, comment: str = "", now: dt.datetime | None = None
) -> SatisfactionSurvey:
    g = lock(grievance)
    if g.status not in SURVEY_STATUSES or not g.answers.exists():
        raise GrievanceError("만족도 조사는 답변을 받은 뒤에 참여하실 수 있습니다.")
    if SatisfactionSurvey.objects.filter(grievance=g).exists():
        raise GrievanceError("이 민원의 만족도 조사에는 이미 참여하셨습니다. 감사합니다.")
    if score not in (1, 2, 3, 4, 5):
        raise GrievanceError("만족도를 1점부터 5점 가운데에서 고르세요.")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise GrievanceError(f"의견은 {COMMENT_MAX}자 안으로 적어 주세요.")
    try:
        reject_rrn(comment)
    except ValidationError as exc:
        raise GrievanceError(exc.messages[0]) from None
    try:
        with transaction.atomic():
            survey = SatisfactionSurvey.objects.create(
                grievance=g,
                department_id=g.department_id,
                score=score,
                comment=comment,
                submitted_at=now or timezone.now(),
            )
    except IntegrityError:  # a second tab sent it at the same moment
        raise GrievanceError("이 민원의 만족도 조사에는 이미 참여하셨습니다. 감사합니다.") from None
    record_event(
        actor if actor is not None and actor.is_authenticated else None,
        "grievance.survey_submitted",
        g,
        score=score,
        with_comment=bool(comment),
    )
    return survey
