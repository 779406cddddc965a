"""Reference data the integrity programme starts with (data migration 0002 and the re-seed after a flush). Everything
here is data an administrator edits in /admin/: courses, risk areas and the default questions, corruption-prone
areas, award criteria, the letter template's first version and the retention rule."""

from __future__ import annotations

import datetime as dt

COURSES = [
    ("청렴 자가학습", "self_learning", [], "청렴 상시 자가학습\n청렴 자가학습시스템"),
    ("갑질 예방교육", "classroom", ["manager"], "간부공무원 갑질 예방교육"),
    ("청렴콘서트", "event", ["new", "promoted"], "청렴 콘서트"),
    ("신규·승진자 청렴교육", "classroom", ["new", "promoted"], "신규 승진자 청렴교육"),
    ("청렴골든벨", "event", [], "청렴 골든벨"),
    ("청렴리더 결의대회", "event", ["manager"], ""),
]

RISK_AREAS = [
    ("인사", "채용·승진·전보의 공정성"),
    ("예산·회계", "예산 집행, 업무추진비, 보조금 정산"),
    ("계약", "수의계약, 설계변경, 검사·검수"),
    ("인허가", "건축·영업 인허가, 처리기한, 재량 판단"),
    ("지도·단속", "점검·단속, 과태료 부과의 일관성"),
    ("조직문화", "갑질, 부당지시, 청탁 거절 문화"),
]

# (area, question, reverse: agreeing means lower risk). Answers 1 (전혀 아니다) … 5 (매우 그렇다).
QUESTIONS = [
    ("인사", "우리 부서의 인사(전보·업무분장)는 정해진 기준에 따라 이루어진다.", True),
    ("인사", "인사와 관련하여 외부 청탁이나 압력을 받은 적이 있다.", False),
    ("예산·회계", "업무추진비 등 예산 집행의 증빙이 부실한 경우가 있다.", False),
    ("예산·회계", "보조금 정산과 사후 점검이 충분히 이루어진다.", True),
    ("계약", "수의계약 업체 선정에 특정 업체가 반복해서 선정되는 경향이 있다.", False),
    ("계약", "설계변경이나 검사·검수 과정이 문서로 투명하게 관리된다.", True),
    ("인허가", "인허가 처리 과정에서 담당자의 재량이 과도하게 작용할 여지가 있다.", False),
    ("인허가", "민원인이 처리 과정을 확인할 수 있도록 안내가 충분하다.", True),
    ("지도·단속", "점검·단속 대상 선정과 처분 기준이 일관되게 적용된다.", True),
    ("지도·단속", "단속 과정에서 이해관계자와 부적절한 접촉 우려가 있다.", False),
    ("조직문화", "부서 안에서 갑질이나 부당한 지시를 문제 삼기 어렵다.", False),
    ("조직문화", "청탁을 받으면 거절하고 신고하는 문화가 정착되어 있다.", True),
]

VULNERABLE_AREAS = [
    ("인허가", "건축·개발행위·영업 인허가", "건축과"),
    ("공사·용역 계약", "수의계약, 설계변경, 준공검사", "재산관리과"),
    ("보조금", "민간 보조금 교부와 정산", "기획예산과"),
    ("지도·단속", "위생·환경·불법주정차 단속", "위생과"),
    ("세무", "지방세 부과·감면", "세무1과"),
    ("인사·복무", "채용, 초과근무, 출장", "총무과"),
]

AWARD_CRITERIA = [
    ("department", "청렴 시책 참여도", "청렴교육 이수율, 서약 참여율, 행사 참여", 30),
    ("department", "부패취약분야 개선", "모니터링 지적사항 조치와 제도 개선", 30),
    ("department", "민원 만족·청렴 체감", "청렴공한문 회신, 민원 만족도", 20),
    ("department", "감사 지적·비위 없음", "감사 지적사항, 비위 발생 여부(감점)", 20),
    ("official", "청렴 실천 사례", "금품 거절·신고, 청렴 실천", 40),
    ("official", "업무 공정성", "공정하고 투명한 업무 처리", 30),
    ("official", "청렴 확산 기여", "교육·행사 참여와 동료 전파", 30),
    ("cheongbaek", "청렴성", "재직 중 청렴하고 검소한 생활", 40),
    ("cheongbaek", "직무 수행", "성실하고 공정한 직무 수행", 40),
    ("cheongbaek", "모범성", "동료와 주민의 신망", 20),
]

LETTER = {
    "agency_name": "영등포구",
    "title": "청렴한 영등포를 위한 협조 요청",
    "body": (
        "1. {성명}님, 평소 구정에 관심과 협조를 보내 주셔서 감사드립니다.\n\n"
        "2. 귀하께서 {처리일} {처리부서}에서 처리하신 {업무구분} 업무와 관련하여, 담당 공무원이 금품·향응을 "
        "요구하거나 부당하게 업무를 처리한 일이 있었다면 구청 누리집의 익명 신고창구 '청렴톡' 또는 감사담당관으로 "
        "알려 주시기 바랍니다.\n\n"
        "3. 신고하신 분의 신분과 신고 내용은 관계 법령에 따라 철저히 보호됩니다. 청렴한 영등포를 만들어 가는 데 "
        "함께해 주시기 바랍니다. 끝."
    ),
    "sender_title": "영등포구청장",
    "head_name": "",
    "drafter": "주무관",
    "reviewer": "감사팀장",
    "approver": "감사담당관",
    "document_number": "감사담당관",
    "postal_code": "07260",
    "address": "서울특별시 영등포구 당산로 123",
    "homepage": "www.ydp.go.kr",
    "phone": "02-2670-3041",
    "fax": "",
    "email": "",
    "disclosure": "대국민 공개",
}


def seed_all(apps, _schema_editor=None) -> None:
    Course = apps.get_model("integrity", "Course")
    RiskArea = apps.get_model("integrity", "RiskArea")
    VulnerableArea = apps.get_model("integrity", "VulnerableArea")
    AwardCriterion = apps.get_model("integrity", "AwardCriterion")
    LetterTemplate = apps.get_model("integrity", "LetterTemplate")
    LetterPolicy = apps.get_model("integrity", "LetterPolicy")
    OrgUnit = apps.get_model("core", "OrgUnit")
    for i, (name, kind, stages, aliases) in enumerate(COURSES):
        Course.objects.get_or_create(
            name=name, defaults={"kind": kind, "stages": stages, "aliases": aliases, "sort_order": i}
        )
    for i, (name, description) in enumerate(RISK_AREAS):
        RiskArea.objects.get_or_create(name=name, defaults={"description": description, "sort_order": i})
    for i, (name, description, unit_name) in enumerate(VULNERABLE_AREAS):
        VulnerableArea.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "sort_order": i,
                "default_unit": OrgUnit.objects.filter(name=unit_name).first(),
            },
        )
    start = dt.date(2025, 1, 1)
    for i, (kind, name, description, points) in enumerate(AWARD_CRITERIA):
        AwardCriterion.objects.get_or_create(
            kind=kind,
            effective_from=start,
            name=name,
            defaults={"description": description, "max_points": points, "sort_order": i},
        )
    if not LetterTemplate.objects.exists():
        LetterTemplate.objects.create(version=1, effective_from=start, **LETTER)
    LetterPolicy.objects.get_or_create(
        effective_from=start, defaults={"retention_days": 365, "note": "기본값: 발송 등록일부터 1년"}
    )


# The managers' self-assessment goes out every year in May (the office's plan; Medium: the month is the office's
# habit, not a rule of law). `gamsa integrity survey` (daily cron) makes the year's questionnaire from last year's
# questions when none exists by then, opens it on the first working day of the month and closes it after
# SURVEY_WORKING_DAYS working days. A draft the office made itself keeps its own dates.
SURVEY_MONTH = 5
SURVEY_WORKING_DAYS = 10
