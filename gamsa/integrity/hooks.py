"""How the integrity programme plugs into core: the menu, 내 업무 (an unsigned pledge, an unanswered
self-assessment), the two imports, attachment rules, event labels, the reference seed, retention and the demo."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core import demo, imports, nav, retention, seeds, verbs, work
from gamsa.core import permissions as core_perms
from gamsa.core.calendar import END_OF_DAY, SEOUL
from gamsa.integrity import permissions as perms
from gamsa.integrity import seeds as integrity_seeds
from gamsa.integrity.letters import permissions as letter_perms
from gamsa.integrity.letters.importing import RECIPIENTS_IMPORT
from gamsa.integrity.training.importing import TRAINING_IMPORT

nav.register_section("integrity", "청렴")
nav.register("integrity", "청렴서약서", "integrity:my_pledge", perms.is_district_staff, order=10)
nav.register("integrity", "나의 청렴교육", "integrity:training_mine", perms.is_district_staff, order=11)
nav.register("integrity", "우리 부서 청렴서약", "integrity:pledge_unit", perms.is_department_head, order=12)
nav.register("integrity", "청렴 시책 현황", "integrity:dashboard", perms.can_use_office, order=20)
nav.register("integrity", "청렴서약 현황", "integrity:pledge_rates", perms.can_use_office, order=21)
nav.register("integrity", "청렴교육 이수", "integrity:training", perms.can_use_office, order=22)
nav.register("integrity", "청렴공한문", "integrity:letters", perms.can_use_office, order=23)
nav.register("integrity", "부패위험성 진단평가", "integrity:survey", perms.can_use_office, order=24)
nav.register("integrity", "부패취약분야 모니터링", "integrity:monitoring", perms.can_use_office, order=25)
nav.register("integrity", "청렴 행사·포상", "integrity:events", perms.can_use_office, order=26)
nav.register("integrity", "반부패 추진상황 보고회", "integrity:meetings", perms.can_use_office, order=27)
nav.register("integrity", "청렴 카드뉴스", "integrity:cardnews", perms.can_use_office, order=28)

imports.register(TRAINING_IMPORT)
imports.register(RECIPIENTS_IMPORT)
core_perms.register_attachment_rule("integrity.batch", letter_perms.can_download)


def integrity_work(user, now):
    """An unsigned pledge of this year, and an open self-assessment the manager has not answered."""
    from gamsa.integrity.pledges.models import PledgeSignature
    from gamsa.integrity.pledges.services import current_text
    from gamsa.integrity.survey.models import Invitation, QuestionnaireStatus

    if not perms.is_district_staff(user):
        return []
    items = []
    today = now.astimezone(SEOUL).date()
    text = current_text(today.year, today)
    if text is not None and not PledgeSignature.objects.filter(year=today.year, user_id=user.pk).exists():
        items.append(
            work.WorkItem(
                title=f"{today.year}년 청렴서약서 서명",
                url=reverse("integrity:my_pledge"),
                kind_label="청렴",
                due_at=dt.datetime.combine(text.sign_by, END_OF_DAY, SEOUL) if text.sign_by else None,
                status_label="서명 전",
                assigned_to_me=True,
            )
        )
    for invitation in Invitation.objects.filter(
        user_id=user.pk, answered=False, questionnaire__status=QuestionnaireStatus.OPEN
    ).select_related("questionnaire"):
        q = invitation.questionnaire
        items.append(
            work.WorkItem(
                title=f"{q.title} 응답 (익명)",
                url=reverse("integrity:survey_answer", args=[q.year]),
                kind_label="청렴",
                due_at=dt.datetime.combine(q.closes_on, END_OF_DAY, SEOUL),
                status_label="응답 전",
                assigned_to_me=True,
            )
        )
    return items


work.register_provider(integrity_work)


def _prune_letters() -> str:
    from gamsa.integrity.letters.services import purge_expired

    deleted = purge_expired()
    return f"보존기간이 지난 청렴공한문 받는 사람 {deleted:,}명의 개인정보와 편지 파일을 지웠습니다."


retention.register("integrity.letters", _prune_letters)
seeds.register_reference_seed("integrity.Course", integrity_seeds.seed_all)


def _demo():
    from gamsa.integrity.demo import load

    load()


demo.DEMO_HOOKS.append(_demo)

verbs.register(
    {
        "pledge.text_published": "청렴서약서 문안 등록",
        "pledge.signed": "청렴서약서 서명",
        "training.session_created": "교육 차수 등록",
        "training.participants_added": "교육 이수자 등록",
        "training.imported": "교육 이수 가져오기",
        "training.stage_set": "생애주기 명단 등록",
        "letters.template_published": "청렴공한문 서식 등록",
        "letters.retention_set": "청렴공한문 보존기간 변경",
        "letters.batch_created": "청렴공한문 명단 등록",
        "letters.production_started": "청렴공한문 만들기 시작",
        "letters.produced": "청렴공한문 완성",
        "letters.production_failed": "청렴공한문 만들기 실패",
        "letters.purged": "청렴공한문 개인정보 삭제",
        "letters.printed": "청렴공한문 명령줄 출력",
        "survey.created": "진단평가 생성",
        "survey.opened": "진단평가 시작",
        "survey.closed": "진단평가 마감",
        "survey.answered": "진단평가 응답",
        "monitoring.round_created": "모니터링 등록",
        "monitoring.summary_recorded": "모니터링 결과 기록",
        "monitoring.finding_added": "모니터링 지적사항 통보",
        "events.created": "청렴 행사 등록",
        "events.participants_added": "행사 참여자 등록",
        "awards.round_opened": "청렴 포상 심사 등록",
        "awards.nominated": "포상 후보 추천",
        "awards.scored": "포상 점수 입력",
        "awards.decided": "포상 선정 확정",
        "meetings.created": "보고회 등록",
        "meetings.item_added": "보고회 안건 추가",
        "meetings.minutes_recorded": "보고회 회의 요지 기록",
    }
)
