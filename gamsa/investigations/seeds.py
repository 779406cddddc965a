"""Default allegation types and their 징계시효 ground (지방공무원법 제73조의2①). Editable data once seeded."""

ALLEGATION_TYPES = [
    ("bribery", "금품·향응 수수", "property"),
    ("embezzlement", "공금 횡령·유용", "property"),
    ("drunk_driving", "음주운전", "general"),
    ("sexual", "성비위 (성희롱·성폭력·성매매)", "sexual"),
    ("abuse_of_power", "갑질", "general"),
    ("service_breach", "복무 위반", "general"),
    ("neglect", "직무 태만", "general"),
    ("other", "기타", "general"),
]


def seed_allegation_types(model) -> None:
    for order, (code, label, ground) in enumerate(ALLEGATION_TYPES, start=1):
        model.objects.get_or_create(
            code=code, defaults={"label": label, "ground": ground, "sort_order": order}
        )
