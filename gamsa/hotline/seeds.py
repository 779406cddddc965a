"""Shipped defaults: categories with their questionnaires, the retention rule, and the hotline's legal clocks
(DeadlineRule kinds in core's calendar). Data migrations and `gamsa demo` use them; nothing is overwritten."""

from __future__ import annotations

import datetime as dt

COMMON = [
    (
        "what",
        "무슨 일이 있었나요?",
        "언제, 어디서, 무슨 일이 있었는지 적어 주세요. 자신을 알아볼 수 있는 내용은 빼 주세요.",
        True,
    ),
    ("who", "누가 관련되어 있나요?", "부서, 직위 등 알고 있는 만큼 적어 주세요.", False),
    ("when", "언제 일어났나요?", "대략의 날짜나 기간이면 충분합니다.", False),
    ("evidence", "증거나 목격자가 있나요?", "파일은 아래에서 올릴 수 있습니다.", False),
]
CATEGORIES = [
    (
        "abuse",
        "갑질",
        "직위를 이용한 부당한 지시, 폭언, 사적 심부름 등",
        [
            ("repeat", "반복되고 있나요?", "한 번인지 여러 번인지, 지금도 계속되는지 적어 주세요.", False),
        ],
    ),
    (
        "gifts",
        "금품·향응",
        "금품, 향응, 편의 제공을 받거나 요구한 일",
        [
            ("amount", "금액이나 물품은 어느 정도인가요?", "대략이면 충분합니다.", False),
        ],
    ),
    ("solicitation", "청탁", "부정청탁, 인사·계약·인허가에 대한 부당한 개입", []),
    (
        "waste",
        "예산 낭비",
        "예산의 부당한 집행, 낭비, 목적 외 사용",
        [
            ("project", "관련 사업이나 계약은 무엇인가요?", "", False),
        ],
    ),
    (
        "sexual",
        "성비위",
        "성희롱, 성폭력 등 성 관련 비위",
        [
            ("support", "도움이 필요한 것이 있나요?", "상담·보호 조치 등 원하는 것을 적어 주세요.", False),
        ],
    ),
    ("other", "기타", "그 밖의 부패·공익침해 행위", []),
]
HOTLINE_DEADLINE_RULES = [
    (
        "hotline_ack",
        "청렴톡 접수 확인",
        7,
        "days",
        "calendar_days",
        "EU 공익신고자 보호지침(2019/1937) 제9조①(b) 준용",
        "local",
        "접수일 다음 날부터 7일",
    ),
    (
        "hotline_feedback",
        "청렴톡 결과 안내",
        3,
        "months",
        "months",
        "EU 공익신고자 보호지침(2019/1937) 제9조①(f) 준용",
        "local",
        "접수 확인(또는 7일 만료)부터 3개월",
    ),
    (
        "hotline_feedback_extended",
        "청렴톡 결과 안내(연장)",
        6,
        "months",
        "months",
        "EU 공익신고자 보호지침(2019/1937) 제11조②(d) 준용",
        "local",
        "사유를 기록한 경우에만 6개월",
    ),
]


def seed_categories(category_model, question_model) -> int:
    created = 0
    for order, (code, name, description, extra) in enumerate(CATEGORIES):
        category, new = category_model.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order * 10}
        )
        created += new
        if not new:
            continue
        for q_order, (q_code, label, help_text, required) in enumerate(COMMON + extra):
            question_model.objects.get_or_create(
                category=category,
                code=q_code,
                defaults={
                    "label": label,
                    "help_text": help_text,
                    "required": required,
                    "sort_order": q_order * 10,
                },
            )
    return created


def seed_retention(rule_model) -> None:
    if not rule_model.objects.exists():
        rule_model.objects.create(
            category=None,
            status="",
            keep_years=3,
            effective_from=dt.date(2026, 1, 1),
            basis="내부 기준: 종결 후 3년 (공공기록물 보존기간 책정 기준 준용)",
        )


def seed_deadline_rules(rule_model) -> None:
    for kind, label, amount, unit, method, basis, confidence, note in HOTLINE_DEADLINE_RULES:
        rule_model.objects.get_or_create(
            kind=kind,
            defaults={
                "label": label,
                "amount": amount,
                "unit": unit,
                "method": method,
                "basis": basis,
                "confidence": confidence,
                "note": note,
            },
        )


def seed_all(apps, _schema_editor=None) -> None:
    seed_categories(apps.get_model("hotline", "Category"), apps.get_model("hotline", "Question"))
    seed_retention(apps.get_model("hotline", "RetentionRule"))
    seed_deadline_rules(apps.get_model("core", "DeadlineRule"))
