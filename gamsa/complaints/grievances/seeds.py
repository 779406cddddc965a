"""Default complaint categories (administrators may add or switch them off)."""

CATEGORIES = [
    ("roads", "도로·보도"),
    ("traffic", "교통·주차"),
    ("cleaning", "청소·쓰레기"),
    ("environment", "환경·소음·악취"),
    ("building", "건축·주택"),
    ("parks", "공원·녹지"),
    ("safety", "안전·재난"),
    ("welfare", "복지"),
    ("tax", "세무"),
    ("conduct", "공무원 행태·처리 불만"),
    ("other", "기타"),
]


def seed_categories(model) -> int:
    created = 0
    for order, (code, name) in enumerate(CATEGORIES):
        _, new = model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
        created += new
    return created
