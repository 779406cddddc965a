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
        "접수 후 30일이 지나도 끝나지 않으면 진행상황을 통지하고 이후 30일마다 다시 통지합니다.",
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
