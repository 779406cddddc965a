"""Risk self-assessment writes. `submit` is the heart of the anonymity: in one transaction it marks the manager's
invitation answered (no time, no answer reference) and stores the answers under a random id with only the
manager's group. Its Event names the questionnaire, never the response."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event
from gamsa.integrity.staff import managers
from gamsa.integrity.survey.models import (
    MIN_GROUP,
    Answer,
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    RiskArea,
)


class SurveyError(ValueError):
    """Korean message."""


@transaction.atomic
def create_questionnaire(
    actor: User,
    *,
    year: int,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    questions: list[tuple[RiskArea, str, bool]],
    min_group: int = MIN_GROUP,
) -> Questionnaire:
    if closes_on < opens_on:
        raise SurveyError("마감일은 시작일 이후여야 합니다.")
    if min_group < MIN_GROUP:
        raise SurveyError(f"공개 최소 응답 수는 {MIN_GROUP} 이상이어야 합니다.")
    if Questionnaire.objects.filter(year=year).exists():
        raise SurveyError(f"{year}년 진단평가가 이미 있습니다.")
    if not questions:
        raise SurveyError("문항을 하나 이상 넣으세요.")
    questionnaire = Questionnaire.objects.create(
        year=year,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        min_group=min_group,
        created_by=actor,
    )
    Question.objects.bulk_create(
        [
            Question(questionnaire=questionnaire, area=area, number=i, text=text.strip(), reverse=reverse)
            for i, (area, text, reverse) in enumerate(questions, start=1)
        ]
    )
    record_event(actor, "survey.created", questionnaire, year=year, questions=len(questions))
    return questionnaire


def default_questions() -> list[tuple[RiskArea, str, bool]]:
    """The question bank shipped in gamsa/integrity/seeds.py, over the risk areas that exist."""
    from gamsa.integrity import seeds

    areas = {a.name: a for a in RiskArea.objects.all()}
    return [(areas[a], text, reverse) for a, text, reverse in seeds.QUESTIONS if a in areas]


def copy_questions(source: Questionnaire) -> list[tuple[RiskArea, str, bool]]:
    return [(q.area, q.text, q.reverse) for q in source.questions.select_related("area").order_by("number")]


@transaction.atomic
def open_questionnaire(actor: User, questionnaire: Questionnaire) -> int:
    """Send it to the managers (grade 5 and above): an invitation each, shown on their 내 업무. Returns how many."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise SurveyError("준비 중인 진단평가만 시작할 수 있습니다.")
    people = list(managers().values_list("pk", flat=True))
    Invitation.objects.bulk_create(
        [Invitation(questionnaire=questionnaire, user_id=pk) for pk in people], ignore_conflicts=True
    )
    questionnaire.status = QuestionnaireStatus.OPEN
    questionnaire.save(update_fields=["status"])
    record_event(actor, "survey.opened", questionnaire, invited=len(people))
    return len(people)


@transaction.atomic
def close_questionnaire(actor: User, questionnaire: Questionnaire) -> None:
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise SurveyError("진행 중인 진단평가만 마감할 수 있습니다.")
    questionnaire.status = QuestionnaireStatus.CLOSED
    questionnaire.save(update_fields=["status"])
    record_event(
        actor,
        "survey.closed",
        questionnaire,
        answered=questionnaire.invitations.filter(answered=True).count(),
    )


def group_of(user: User) -> str:
    """The manager's 실·국 (the unit just under the district office), or their own unit's name."""
    if user.unit_id is None:
        return "기타"
    unit = user.unit
    codes = [c for c in unit.path.strip("/").split("/") if c]
    if len(codes) >= 2:
        top = OrgUnit.objects.filter(agency_id=unit.agency_id, code=codes[1]).first()
        if top is not None:
            return top.name
    return unit.name


@transaction.atomic
def submit(user: User, questionnaire: Questionnaire, values: dict[int, int]) -> None:
    """`values`: question id → 1…5 for every question. Once per manager."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise SurveyError("진행 중인 진단평가에만 응답할 수 있습니다.")
    invitation = Invitation.objects.select_for_update().filter(questionnaire=questionnaire, user=user).first()
    if invitation is None:
        raise SurveyError("이 진단평가의 대상이 아닙니다.")
    if invitation.answered:
        raise SurveyError("이미 응답했습니다. 응답은 익명으로 저장되어 고칠 수 없습니다.")
    questions = list(questionnaire.questions.values_list("pk", flat=True))
    if set(values) != set(questions) or any(v not in (1, 2, 3, 4, 5) for v in values.values()):
        raise SurveyError("모든 문항에 1~5 가운데 하나로 답하세요.")
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    response = Response.objects.create(questionnaire=questionnaire, group=group_of(user))
    Answer.objects.bulk_create([Answer(response=response, question_id=q, value=values[q]) for q in questions])
    record_event(user, "survey.answered", questionnaire)


def scheduled_dates(year: int) -> tuple[dt.date, dt.date]:
    """The year's default window: the first working day of SURVEY_MONTH and SURVEY_WORKING_DAYS working days on."""
    from gamsa.core.calendar import get_calendar
    from gamsa.integrity import seeds

    calendar = get_calendar()
    opens_on = calendar.next_working_day(dt.date(year, seeds.SURVEY_MONTH, 1), include_self=True)
    return opens_on, calendar.add_working_days(opens_on, seeds.SURVEY_WORKING_DAYS - 1)


def run_schedule(today: dt.date) -> list[str]:
    """The daily run (`gamsa integrity survey`), by the system: make the year's questionnaire when its month has come
    and none exists; open every draft whose first day has come (an invitation to each manager, on their 내 업무);
    close every open one whose last day has passed. Returns what it did, in Korean, for the command's output."""
    done: list[str] = []
    opens_on, closes_on = scheduled_dates(today.year)
    if today >= opens_on and not Questionnaire.objects.filter(year=today.year).exists():
        previous = Questionnaire.objects.filter(year__lt=today.year).order_by("-year").first()
        questions = copy_questions(previous) if previous else default_questions()
        if questions:
            create_questionnaire(
                None,
                year=today.year,
                title=f"{today.year}년 간부 부패위험성 진단평가",
                opens_on=opens_on,
                closes_on=max(closes_on, today),
                questions=questions,
            )
            done.append(f"{today.year}년 진단평가를 만들었습니다 (문항 {len(questions)}개).")
    for questionnaire in Questionnaire.objects.filter(
        status=QuestionnaireStatus.DRAFT, opens_on__lte=today, closes_on__gte=today
    ):
        invited = open_questionnaire(None, questionnaire)
        done.append(f"{questionnaire.title}: 간부 {invited:,}명에게 보냈습니다.")
    for questionnaire in Questionnaire.objects.filter(status=QuestionnaireStatus.OPEN, closes_on__lt=today):
        close_questionnaire(None, questionnaire)
        done.append(f"{questionnaire.title}: 마감했습니다.")
    return done
