"""Default data that every installation starts with (used by the data migration and by `gamsa demo`)."""

DEADLINE_RULES = [
    (
        "other",
        "기타민원 (즉시)",
        3,
        "hours",
        "hours",
        "민원 처리에 관한 법률 시행령 제16조, 제19조 (즉시 = 3근무시간)",
        "high",
        "",
    ),
    (
        "grievance",
        "고충민원",
        7,
        "days",
        "auto",
        "민원 처리에 관한 법률 시행령 제17조①",
        "high",
        "현장조사 기간(14일 이내, 1회 7일 연장)은 산입하지 않음 (영 제17조④⑤)",
    ),
    (
        "inquiry_law",
        "질의민원 (법령 설명·해석)",
        14,
        "days",
        "auto",
        "민원 처리에 관한 법률 시행령 제14조제1호",
        "high",
        "",
    ),
    (
        "inquiry_procedure",
        "질의민원 (제도·절차)",
        7,
        "days",
        "auto",
        "민원 처리에 관한 법률 시행령 제14조제2호",
        "high",
        "",
    ),
    ("proposal", "건의민원", 14, "days", "auto", "민원 처리에 관한 법률 시행령 제15조", "high", ""),
    (
        "petition",
        "청원",
        90,
        "days",
        "calendar_days",
        "청원법 제21조 (기간 계산은 민법 제157조·제161조)",
        "general_rule",
        "청원법은 기간 계산 방법을 정하지 않아 행정기본법 제6조에 따라 민법을 적용(초일 불산입, 말일이 토요일·공휴일이면 "
        "다음 날). 법령상 확인되지 않은 해석입니다.",
    ),
]


# Clocks the complaint team's other work runs on (petitions, public-interest reports, the taxpayer advocate).
DEADLINE_RULES += [
    ("transfer", "다른 기관 이송", 8, "hours", "hours", "민원 처리에 관한 법률 시행령 제13조", "high", ""),
    (
        "progress_notice",
        "중간 통지 주기",
        30,
        "days",
        "calendar_days",
        "민원 처리에 관한 법률 시행령 제23조",
        "general_rule",
        "접수일부터 30일이 지나도 끝나지 않으면 진행상황을 통지하고, 그 뒤에도 접수일부터 30일이 지날 때마다(60일, 90일…) "
        "통지합니다(영 제23조②). 마지막 통지일이 아니라 접수일에서 셉니다.",
    ),
    (
        "petition_disclosure",
        "공개청원 공개 여부 결정",
        15,
        "days",
        "calendar_days",
        "청원법 제13조①",
        "general_rule",
        "",
    ),
    (
        "petition_comment",
        "공개청원 의견 수렴",
        30,
        "days",
        "calendar_days",
        "청원법 제13조②",
        "general_rule",
        "",
    ),
    (
        "petition_extension",
        "청원 처리기간 연장(1회)",
        60,
        "days",
        "calendar_days",
        "청원법 제21조③",
        "general_rule",
        "",
    ),
    (
        "petition_objection_filing",
        "청원 이의신청 기간",
        30,
        "days",
        "calendar_days",
        "청원법 제22조",
        "general_rule",
        "",
    ),
    (
        "petition_objection_decision",
        "청원 이의신청 결정",
        15,
        "days",
        "calendar_days",
        "청원법 제22조",
        "general_rule",
        "",
    ),
    (
        "public_interest",
        "공익신고 처리",
        60,
        "days",
        "calendar_days",
        "공익신고자 보호법 시행령 제8조 (권익위 처리기간 준용)",
        "general_rule",
        "구청(조사기관)의 처리기간은 법령에 따로 없어 권익위 기준 60일을 씁니다.",
    ),
    (
        "public_interest_acrc",
        "공익신고 결과 권익위 통보",
        10,
        "days",
        "calendar_days",
        "공익신고자 보호법 시행령 제11조②",
        "general_rule",
        "처리 완료 후 10일 이내에 국민권익위원회에 결과를 통보합니다.",
    ),
    (
        "taxpayer_grievance",
        "지방세 고충민원(납세자보호관)",
        14,
        "days",
        "auto",
        "구 납세자보호관 조례 (지방세기본법 시행령 제51조의2⑤)",
        "local",
        "기간은 구 조례로 정합니다. 기본값 14일은 광주광역시 사례(신뢰도 중간)이니 구 조례에 맞게 고치세요.",
    ),
    (
        "taxpayer_protection",
        "권리보호요청(납세자보호관)",
        7,
        "days",
        "auto",
        "구 납세자보호관 조례 (지방세기본법 시행령 제51조의2⑤)",
        "local",
        "기간은 구 조례로 정합니다. 기본값 7일은 광주광역시 사례(신뢰도 중간)이니 구 조례에 맞게 고치세요.",
    ),
]


# Clocks of the audit team's dispositions and appeals (감사원규칙 자체감사기준 제28조②, 공공감사법 제25조). Periods in
# months are counted under 민법 제157조·제160조·제161조 from the notification of the audit result.
DEADLINE_RULES += [
    (
        "disposition_restitution",
        "변상명령 이행",
        3,
        "months",
        "months",
        "자체감사기준 제28조②제1호 (변상명령: 3개월 이내 변상)",
        "high",
        "",
    ),
    (
        "disposition_discipline",
        "징계·문책 요구 이행",
        1,
        "months",
        "months",
        "자체감사기준 제28조②제2호 (1개월 이내 징계의결 요구)",
        "high",
        "",
    ),
    (
        "disposition_correction",
        "시정 요구 이행",
        2,
        "months",
        "months",
        "자체감사기준 제28조②제3호",
        "high",
        "",
    ),
    (
        "disposition_improvement",
        "개선·권고·통보 이행(또는 집행계획 제출)",
        2,
        "months",
        "months",
        "자체감사기준 제28조②제4호",
        "high",
        "2개월 안에 끝내기 어려우면 2개월 안에 집행계획을 내고 완료 후 결과를 통보합니다.",
    ),
    (
        "audit_result_notice",
        "감사결과 통보",
        60,
        "days",
        "calendar_days",
        "공공감사에 관한 법률 제23조① (감사 종료 후 60일 이내 통보)",
        "high",
        "감사 종료일 다음 날부터 셉니다(민법 제157조). 말일이 휴일이면 다음 근무일입니다.",
    ),
    (
        "reexamination_filing",
        "재심의 청구 기간",
        1,
        "months",
        "months",
        "공공감사에 관한 법률 제25조①",
        "high",
        "",
    ),
    (
        "reexamination_decision",
        "재심의 결정",
        2,
        "months",
        "months",
        "공공감사에 관한 법률 제25조②",
        "high",
        "",
    ),
]


# Property registration (공직자윤리법): filing periods "N개월이 되는 날이 속하는 달의 말일" (method `month_end`), the filer's
# answer clocks during a review, and the 고지거부 clocks. The periods are the law's; how the days are counted is not
# written in it, so 민법 제157조·제160조·제161조 apply (행정기본법 제6조) — hence "general_rule" for those.
DEADLINE_RULES += [
    (
        "property_registration_initial",
        "재산등록 (신규 등록)",
        2,
        "months",
        "month_end",
        "공직자윤리법 제5조① (등록의무자가 된 날부터 2개월이 되는 날이 속하는 달의 말일까지)",
        "general_rule",
        "기산일은 등록의무자가 된 날(신규 임용·전보·승진)입니다. 연장은 제7조: 30일(공개대상자 20일).",
    ),
    (
        "property_registration_retirement",
        "재산변동사항 신고 (퇴직)",
        2,
        "months",
        "month_end",
        "공직자윤리법 제6조② (퇴직일부터 2개월이 되는 날이 속하는 달의 말일까지)",
        "general_rule",
        "기산일은 퇴직일입니다.",
    ),
    (
        "property_registration_deferral_end",
        "재산변동사항 신고 (유예 종료)",
        2,
        "months",
        "month_end",
        "공직자윤리법 제6조의3, 시행령 제5조의3 (유예 사유가 없어진 날부터 2개월이 되는 날이 속하는 달의 말일까지)",
        "general_rule",
        "기산일은 파견·휴직 등 유예 사유가 끝난 날입니다. 유예는 한 번에 3년까지입니다.",
    ),
    (
        "property_registration_regular",
        "재산변동사항 신고 (정기)",
        2,
        "months",
        "month_end",
        "공직자윤리법 제6조① (1월 1일부터 12월 31일까지의 변동사항을 다음 해 2월 말일까지)",
        "general_rule",
        "기산일은 신고 대상 연도의 12월 31일입니다.",
    ),
    (
        "property_review_answer",
        "재산등록 심사: 보완·자료 제출·서면질의 답변",
        20,
        "days",
        "calendar_days",
        "공직자윤리법 시행령 제10조①② (명령·요구·질의를 받은 날부터 20일 이내)",
        "high",
        "",
    ),
    (
        "property_review_explanation",
        "재산등록 심사: 재산형성과정 소명",
        20,
        "days",
        "calendar_days",
        "공직자윤리법 시행령 제14조의2② (소명 요구를 받은 날부터 20일 이내)",
        "high",
        "",
    ),
    (
        "disclosure_refusal_application",
        "고지거부 허가 신청",
        1,
        "months",
        "months",
        "공직자윤리법 시행령 제27조① (등록의무자가 된 날·신고기간 개시일·퇴직일 등부터 1개월 이내)",
        "general_rule",
        "연장된 등록기간에는 연장기간 기산일부터 15일(공개대상자 10일) 이내입니다(제27조①제4호).",
    ),
    (
        "disclosure_refusal_decision",
        "고지거부 허가 결정·통보",
        10,
        "days",
        "calendar_days",
        "공직자윤리법 시행령 제27조② (신청을 받은 날부터 10일 이내, 10일 범위에서 연장)",
        "high",
        "",
    ),
    (
        "disclosure_refusal_reexamination",
        "고지거부 재심사 신청",
        3,
        "months",
        "months",
        "공직자윤리법 시행령 제27조⑤ (3년째 정기변동신고기간 개시일부터 3개월 이내)",
        "general_rule",
        "기산일은 전년도 12월 31일로 넣습니다(1월 1일부터 셉니다). 결정은 그 해 11월 30일까지(제27조⑥).",
    ),
]


# The 조사팀's 인권영향평가 of draft ordinances (자치법규 제·개정안 사전 인권영향평가): the period is the district's own
# rule (its 인권 기본 조례 and guidelines), not a statute, so it ships as local data to be checked.
DEADLINE_RULES += [
    (
        "hr_impact_assessment",
        "인권영향평가 (자치법규 제·개정안)",
        10,
        "days",
        "working_days",
        "구 인권 기본 조례·자치법규 인권영향평가 지침",
        "local",
        "평가 기간은 구의 조례·지침으로 정합니다. 기본값은 접수일을 1일로 세는 근무일 10일이니 구 기준에 맞게 고치세요.",
    ),
]


def seed_deadline_rules(model) -> int:
    """Create the missing default rules; never overwrite an administrator's edits. Returns how many were made."""
    created = 0
    for kind, label, amount, unit, method, basis, confidence, note in DEADLINE_RULES:
        _, new = model.objects.get_or_create(
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
        created += new
    return created


# --- reference data after a flush ---------------------------------------------------------------------------
# Data migrations ship reference data (deadline rules, categories, rate tables, field items, thresholds). A database
# flush (`gamsa flush`, and the test runner after every transactional test) empties those tables without re-running
# the migrations. After a flush Django sends post_migrate; `reseed_reference_data` then fills each registered table
# again, but only a table that is entirely empty, so an administrator's edits and deletions are never undone.

REFERENCE_SEEDS: list[tuple[str, object]] = []


def register_reference_seed(model_label: str, seed) -> None:
    """`seed(apps, schema_editor)` is the data migration's own function; it runs when `model_label` is empty."""
    if (model_label, seed) not in REFERENCE_SEEDS:
        REFERENCE_SEEDS.append((model_label, seed))


def migration_function(module: str, name: str):
    """A function of a data migration module (their names start with a digit, so `import` cannot name them)."""
    import importlib

    return getattr(importlib.import_module(module), name)


def reseed_reference_data(using: str = "default", **kwargs) -> None:
    from django.apps import apps

    for model_label, seed in REFERENCE_SEEDS:
        if not apps.get_model(model_label).objects.using(using).exists():
            seed(apps, None)


register_reference_seed(
    "core.DeadlineRule", lambda apps, _editor: seed_deadline_rules(apps.get_model("core.DeadlineRule"))
)
