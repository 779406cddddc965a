"""Reference data the programme starts with: the impact-assessment checklist (first version) and the consent notice
for education participant lists. Data migrations, the post-flush reseed and `gamsa demo` use these; an
administrator adds later versions in the admin, and nothing here overwrites them."""

from __future__ import annotations

import datetime as dt

CHECKLIST_TITLE = "자치법규 제·개정안 인권영향평가 체크리스트"
CHECKLIST_ITEMS = [
    ("평등권·차별금지", "성별, 장애, 나이, 출신 국가, 종교 등을 이유로 한 차별이나 배제의 소지가 없는가"),
    ("평등권·차별금지", "차별적이거나 비하하는 용어(예: 장애자, 결손가정)를 쓰지 않았는가"),
    ("사회적 약자", "장애인·노인·아동·이주민 등 사회적 약자의 접근성과 참여를 보장하는가"),
    ("개인정보", "개인정보 수집 항목이 목적에 필요한 최소한이고 근거·이용 목적·보유 기간이 정해져 있는가"),
    ("적법절차", "주민의 권리 제한·의무 부과에 법률의 위임 근거가 있는가 (지방자치법 제28조①)"),
    ("적법절차", "불이익 처분 전 의견 제출 기회와 이의신청 등 권리구제 절차가 있는가"),
    ("참여·표현", "주민의 의견 제출과 참여 기회를 보장하는가"),
    (
        "위원회 구성",
        "위원회를 두는 경우 특정 성별이 위촉직 위원의 10분의 6을 넘지 않게 하였는가 (양성평등기본법 제21조②)",
    ),
    ("노동·안전", "업무 종사자(위탁·기간제 포함)의 노동권과 안전을 침해할 소지가 없는가"),
]

CONSENT = {
    "version": 1,
    "items": "성명, 소속, 연락처",
    "purpose": "인권교육 참여 확인, 교육 결과 관리와 후속 교육 안내",
    "retention_years": 1,
    "refusal": "동의하지 않을 수 있으며, 동의하지 않아도 교육에 참여할 수 있습니다. 다만 참여자 명단에 오르지 않아 "
    "참여 확인서 발급과 후속 교육 안내를 받을 수 없습니다.",
    "effective_from": dt.date(2025, 1, 1),
}


def seed_checklist(version_model, item_model) -> None:
    if version_model.objects.exists():
        return
    checklist = version_model.objects.create(
        version=1, title=CHECKLIST_TITLE, effective_from=dt.date(2025, 1, 1), note="기본 제공"
    )
    for order, (area, question) in enumerate(CHECKLIST_ITEMS, start=1):
        item_model.objects.create(checklist=checklist, order=order, area=area, question=question)


def seed_consent(model) -> None:
    if not model.objects.exists():
        model.objects.create(**CONSENT)


def seed_all(apps, _schema_editor=None) -> None:
    from gamsa.core.seeds import seed_deadline_rules

    seed_checklist(
        apps.get_model("humanrights", "ChecklistVersion"), apps.get_model("humanrights", "ChecklistItem")
    )
    seed_consent(apps.get_model("humanrights", "ConsentNotice"))
    seed_deadline_rules(apps.get_model("core", "DeadlineRule"))
