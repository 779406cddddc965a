"""Seed the review thresholds with one real district's published values: 서울 용산구 (press release of 2021-01-15).

Source: ../shared/domain/audit-anchors.md §5.4 ([news] d-maker.kr, msnews.co.kr, womannews.net, 2021-01-15).
The district's own rule text is not confirmed, nor its exact start date: the versions start on the date of the
publication. Administrators add newer versions in the browser (/reviews/thresholds/); these rows stay.
"""

import datetime as dt

from django.db import migrations

EFFECTIVE = dt.date(2021, 1, 15)
PRE = "서울 용산구 일상감사 대상 기준 (용산구 보도자료 2021. 1. 15., d-maker.kr·msnews.co.kr·womannews.net 보도)"
CONTRACT = "서울 용산구 계약원가심사 대상 기준 (용산구 보도자료 2021. 1. 15., d-maker.kr·msnews.co.kr 보도)"
PUBLISHED = "시행일 미확인: 공개일 기준"

RULES = [
    ("pre_execution", "works_general", "estimated_price", 300_000_000, PRE, PUBLISHED),
    ("pre_execution", "works_specialty", "estimated_price", 200_000_000, PRE, PUBLISHED),
    ("pre_execution", "services", "estimated_price", 70_000_000, PRE, PUBLISHED),
    ("pre_execution", "goods", "estimated_price", 20_000_000, PRE, PUBLISHED),
    ("pre_execution", "policy", "estimated_price", 300_000_000, PRE, "사업예산액 기준(추정가격 칸에 예산액 입력)"),
    ("pre_execution", "budget_transfer", "estimated_price", 200_000_000, PRE, "전용 금액 기준(추정가격 칸에 입력)"),
    ("contract", "works", "estimated_amount", 30_000_000, CONTRACT, PUBLISHED),
    ("contract", "services", "estimated_amount", 20_000_000, CONTRACT, PUBLISHED),
    ("contract", "goods", "estimated_amount", 5_000_000, CONTRACT, PUBLISHED),
    (
        "completion",
        "works",
        "estimated_amount",
        30_000_000,
        CONTRACT,
        "[미확인] 준공 전 제비율 심사 범위는 공개 자료로 확인되지 않아 계약심사 공사 기준을 준용함. 구 규칙 확인 후 새 버전 등록",
    ),
]


def seed(apps, schema_editor):
    ThresholdRule = apps.get_model("audit_reviews", "ThresholdRule")
    for kind, category, basis, amount, source, note in RULES:
        ThresholdRule.objects.get_or_create(
            review_kind=kind,
            category=category,
            effective_from=EFFECTIVE,
            defaults={"basis": basis, "min_amount": amount, "source": source, "note": note},
        )


def unseed(apps, schema_editor):
    apps.get_model("audit_reviews", "ThresholdRule").objects.filter(
        effective_from=EFFECTIVE, created_by__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("audit_reviews", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
