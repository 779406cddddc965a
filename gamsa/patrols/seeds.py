"""Default 응답소 현장민원 taxonomy: 12 분야 / 73 세부항목, each with its own deadline.

EDITABLE DATA (confidence: Medium). The item names follow the usual 응답소/스마트불편신고 wording and the deadlines
the anchors give (불법주정차 3시간, 보안등 고장 24시간; 도봉구 tiers 즉시 3시간 / 24시간 / 5일). The 5-day tier is
counted as 40 working hours (5 working days of 8 hours, weekends and holidays excluded); the 3-hour and 24-hour tiers
as elapsed clock hours, as the portal counts them. An administrator changes names, deadlines and default departments
on the admin screens; the seed only creates what is missing and never overwrites edits.
"""

from __future__ import annotations

# Deadline tiers: (hours, basis)
NOW = (3, "clock_hours")  # 즉시 (3시간)
DAY = (24, "clock_hours")  # 24시간
FIVE = (40, "working_hours")  # 5일 (근무일 5일 = 40 근무시간)

BASIS_NOTE = "응답소 항목별 처리기한(서울시·도봉구 예시 기준, 신뢰도 중간): 구 실정에 맞게 수정"

# (code prefix, 분야, default department name in a typical Seoul district, [(code, 세부항목, tier)])
FIELDS: list[tuple[str, str, str, list[tuple[str, str, tuple[int, str]]]]] = [
    (
        "traffic",
        "교통",
        "주차관리과",
        [
            ("illegal-parking", "불법주정차", NOW),
            ("resident-parking", "거주자우선주차구역 부정주차", NOW),
            ("hydrant-parking", "소화전 주변 주정차", NOW),
            ("school-zone-parking", "어린이보호구역 주정차", NOW),
            ("abandoned-vehicle", "무단방치 차량", FIVE),
            ("bus-stop", "버스정류소 시설 고장", DAY),
            ("traffic-sign", "교통안전표지 파손", DAY),
            ("road-marking", "노면표시 훼손", FIVE),
        ],
    ),
    (
        "road",
        "도로",
        "도로과",
        [
            ("pothole", "도로 파임(포트홀)", NOW),
            ("manhole", "맨홀·덮개 파손", NOW),
            ("road-debris", "도로 낙하물", NOW),
            ("sidewalk-block", "보도블록 파손", DAY),
            ("speed-bump", "과속방지턱 파손", DAY),
            ("bike-lane", "자전거도로 파손", DAY),
            ("road-occupation", "도로 무단점용", FIVE),
            ("curb-ramp", "보도 턱 낮춤 요청", FIVE),
        ],
    ),
    (
        "cleaning",
        "청소",
        "청소과",
        [
            ("illegal-dumping", "쓰레기 무단투기", DAY),
            ("bulky-waste", "대형폐기물 미수거", DAY),
            ("food-waste", "음식물쓰레기 미수거", DAY),
            ("recycling", "재활용품 미수거", DAY),
            ("street-cleaning", "가로 청소 불량", DAY),
            ("road-carcass", "도로 동물 사체", NOW),
            ("public-toilet", "공중화장실 청결 불량", DAY),
        ],
    ),
    (
        "street",
        "가로정비",
        "건설과",
        [
            ("banner", "불법 현수막", DAY),
            ("poster", "불법 벽보·전단", DAY),
            ("signboard", "불법 입간판·에어라이트", DAY),
            ("sidewalk-goods", "보도 상품 적치", DAY),
            ("street-vendor", "노점 영업", FIVE),
            ("abandoned-bicycle", "방치 자전거", FIVE),
        ],
    ),
    (
        "safety",
        "안전",
        "건설과",
        [
            ("security-light", "보안등 고장", DAY),
            ("street-light", "가로등 고장", DAY),
            ("retaining-wall", "축대·담장 붕괴 위험", NOW),
            ("construction-site", "공사장 안전 위험", NOW),
            ("ice-snow", "도로 결빙·제설", NOW),
            ("sinkhole", "지반 침하·싱크홀", NOW),
            ("falling-sign", "간판 추락 위험", NOW),
        ],
    ),
    (
        "environment",
        "환경",
        "환경과",
        [
            ("construction-noise", "공사장 소음", NOW),
            ("idling", "자동차 공회전", NOW),
            ("open-burning", "불법 소각", NOW),
            ("odour", "악취", DAY),
            ("dust", "비산먼지", DAY),
            ("stream-pollution", "하천 오염", DAY),
        ],
    ),
    (
        "parks",
        "공원녹지",
        "공원녹지과",
        [
            ("fallen-tree", "가로수 쓰러짐", NOW),
            ("park-facility", "공원 시설물 파손", DAY),
            ("playground", "어린이놀이터 시설 파손", DAY),
            ("park-toilet", "공원 화장실 관리 불량", DAY),
            ("tree-pruning", "가로수 가지치기", FIVE),
            ("weeds", "녹지 잡초 관리", FIVE),
        ],
    ),
    (
        "building",
        "건축·주택",
        "건축과",
        [
            ("rooftop-hazard", "옥상 구조물 추락 위험", NOW),
            ("building-site", "건축공사장 불편", DAY),
            ("illegal-building", "무단 증축·불법건축물", FIVE),
            ("vacant-house", "빈집 관리", FIVE),
            ("apartment", "공동주택 관리", FIVE),
        ],
    ),
    (
        "water",
        "수방·치수",
        "치수과",
        [
            ("sewer-backflow", "하수 역류", NOW),
            ("flooding", "도로·주택 침수", NOW),
            ("gully", "빗물받이 막힘", DAY),
            ("sewer-odour", "하수구 악취", DAY),
            ("stream-facility", "하천 시설물 파손", DAY),
            ("flood-barrier", "물막이판 설치 요청", FIVE),
        ],
    ),
    (
        "health",
        "보건위생",
        "위생과",
        [
            ("pest", "방역(모기·해충)", DAY),
            ("rats", "쥐 출몰", DAY),
            ("smoking", "금연구역 흡연", DAY),
            ("food-hygiene", "음식점 위생 불량", FIVE),
            ("illegal-business", "무신고 영업", FIVE),
        ],
    ),
    (
        "animal",
        "동물",
        "일자리경제과",
        [
            ("stray-animal", "유기동물 구조", NOW),
            ("wild-animal", "야생동물 출현", NOW),
            ("stray-cat", "길고양이 민원", DAY),
            ("pet-manners", "반려동물 배설물·목줄", DAY),
        ],
    ),
    (
        "other",
        "기타 생활불편",
        "자치행정과",
        [
            ("public-facility", "공공시설물 파손", DAY),
            ("bench", "벤치·휴게시설 파손", DAY),
            ("etc", "기타 생활불편", DAY),
            ("guide-sign", "안내표지판 정비", FIVE),
            ("public-wifi", "공공 와이파이 고장", FIVE),
        ],
    ),
]

# Deadline of an item an import meets for the first time (until an administrator confirms it).
PROVISIONAL_DEADLINE = DAY

# --- near-duplicate windows ---------------------------------------------------------------------------------------
# Whether two reports of one item close in space and time are one hazard depends on the item: a pothole or a broken
# streetlight stays where it is until fixed, so a second report nearby within days is most likely the same one; an
# illegally parked car, noise or smoking is a new event each time, and a second report is new work, never a
# duplicate. (radius in metres, days) or NEVER.
#
# EDITABLE JUDGEMENT, NOT LAW (confidence: Low): no statute or portal rule fixes these numbers. They are the patrol
# team's usual judgement written down: the radius covers the spread of two people's phone positions or geocoded
# addresses for one object (20–50 m for a fixed object, 100–300 m for something that moves or spreads), the days how
# long the object usually stays as reported (a day for a carcass or a flood, two weeks for a broken light, months for
# an illegal building). FixMyStreet's 250 m and Mark-a-Spot's 500 m·30 days (shared/domain/complaints-anchors.md) are
# looser because they only suggest to the reporting citizen. An administrator changes each item on the admin
# screen (현장민원 세부항목: 중복 판단 거리·기간, 중복으로 보지 않음); the seed never overwrites an edit.
NEVER = None

DUPLICATE_WINDOW_BY_FIELD: dict[str, tuple[int, int] | None] = {
    "traffic": NEVER,  # mostly parking: a new car, a new event
    "road": (50, 14),
    "cleaning": (30, 2),  # a pile or an uncollected bag: gone in a day or two, the next one is new
    "street": (30, 7),
    "safety": (30, 14),
    "environment": NEVER,  # noise, idling, burning, odour, dust: events
    "parks": (50, 30),
    "building": (30, 30),
    "water": (50, 14),
    "health": (100, 7),
    "animal": (200, 1),  # an animal moves: wide and short
    "other": (30, 30),
}
DUPLICATE_WINDOW_BY_ITEM: dict[str, tuple[int, int] | None] = {
    # traffic: fixed objects among the parking events
    "traffic-abandoned-vehicle": (30, 60),
    "traffic-bus-stop": (30, 14),
    "traffic-traffic-sign": (30, 14),
    "traffic-road-marking": (50, 30),
    # road
    "road-manhole": (30, 14),
    "road-road-debris": (100, 1),
    "road-sidewalk-block": (30, 30),
    "road-speed-bump": (30, 30),
    "road-bike-lane": (50, 30),
    "road-road-occupation": (30, 30),
    "road-curb-ramp": (30, 90),
    # cleaning
    "cleaning-bulky-waste": (30, 7),
    "cleaning-street-cleaning": (50, 2),
    "cleaning-road-carcass": (100, 1),
    "cleaning-public-toilet": (30, 1),
    # street
    "street-poster": (30, 3),
    "street-signboard": (20, 7),
    "street-sidewalk-goods": NEVER,
    "street-street-vendor": NEVER,
    "street-abandoned-bicycle": (30, 30),
    # safety
    "safety-retaining-wall": (50, 60),
    "safety-construction-site": (100, 30),
    "safety-ice-snow": (100, 2),
    "safety-sinkhole": (50, 30),
    # environment: a polluted stream is one place for a few days
    "environment-stream-pollution": (200, 3),
    # parks
    "parks-fallen-tree": (50, 3),
    "parks-park-toilet": (30, 1),
    "parks-tree-pruning": (50, 90),
    "parks-weeds": (100, 30),
    # building
    "building-rooftop-hazard": (30, 14),
    "building-building-site": NEVER,  # noise and dust of a site: events
    "building-illegal-building": (30, 180),
    "building-vacant-house": (30, 180),
    "building-apartment": NEVER,  # about a complex's management, not a spot
    # water
    "water-sewer-backflow": (100, 2),
    "water-flooding": (200, 1),
    "water-gully": (30, 14),
    "water-stream-facility": (50, 30),
    "water-flood-barrier": (30, 90),
    # health
    "health-smoking": NEVER,
    "health-food-hygiene": (20, 30),
    "health-illegal-business": (20, 90),
    # animal
    "animal-wild-animal": (300, 1),
    "animal-stray-cat": NEVER,
    "animal-pet-manners": NEVER,
    # other
    "other-etc": NEVER,  # too broad to be one object
    "other-public-wifi": (50, 14),
}


def duplicate_window(code: str) -> tuple[int, int] | None:
    """The shipped window of a seeded item code: its own, else its field's (NEVER: no candidates)."""
    if code in DUPLICATE_WINDOW_BY_ITEM:
        return DUPLICATE_WINDOW_BY_ITEM[code]
    return DUPLICATE_WINDOW_BY_FIELD[code.split("-", 1)[0]]


def duplicate_window_fields(code: str) -> dict:
    """The FieldItem field values of `code`'s shipped window."""
    window = duplicate_window(code)
    if window is NEVER:
        return {"duplicate_never": True}
    return {"duplicate_never": False, "duplicate_radius_m": window[0], "duplicate_days": window[1]}


def seed_duplicate_windows(item_model) -> int:
    """Give the seeded items still at the model's default window their shipped window (the data migration that
    added the fields; historical models work). An item an administrator edited keeps its values."""
    from gamsa.patrols.fieldcomplaints.models import DUPLICATE_DEFAULT_DAYS, DUPLICATE_DEFAULT_RADIUS_M

    codes = [code for _, _, _, code, *_ in item_rows()]
    changed = 0
    for item in item_model.objects.filter(
        code__in=codes,
        duplicate_never=False,
        duplicate_radius_m=DUPLICATE_DEFAULT_RADIUS_M,
        duplicate_days=DUPLICATE_DEFAULT_DAYS,
    ):
        for name, value in duplicate_window_fields(item.code).items():
            setattr(item, name, value)
        item.save(update_fields=["duplicate_never", "duplicate_radius_m", "duplicate_days"])
        changed += 1
    return changed


def item_rows():
    """(category order, category name, item order, code, name, hours, basis, department name)."""
    for c_order, (prefix, category, department, items) in enumerate(FIELDS):
        for i_order, (code, name, (hours, basis)) in enumerate(items):
            yield c_order, category, i_order, f"{prefix}-{code}", name, hours, basis, department


def seed_field_items(category_model, item_model) -> int:
    """Create the missing categories and items (works with historical models in migrations). Returns new items."""
    categories: dict[str, object] = {}
    created = 0
    for c_order, category, i_order, code, name, hours, basis, _department in item_rows():
        if category not in categories:
            categories[category], _ = category_model.objects.get_or_create(
                name=category, defaults={"sort_order": c_order}
            )
        if item_model.objects.filter(code=code).exists():
            continue
        if item_model.objects.filter(category=categories[category], name=name).exists():
            continue
        item_model.objects.create(
            category=categories[category],
            name=name,
            code=code,
            deadline_hours=hours,
            deadline_basis=basis,
            basis_note=BASIS_NOTE,
            sort_order=i_order,
            **(duplicate_window_fields(code) if _has_windows(item_model) else {}),
        )
        created += 1
    return created


def _has_windows(item_model) -> bool:
    """Migration 0002 runs with the historical model from before the window fields."""
    return any(f.name == "duplicate_never" for f in item_model._meta.get_fields())


def default_department_names() -> dict[str, str]:
    """item code → default department name (used by the demo and by administrators' first setup)."""
    return {code: department for _, _, _, code, _, _, _, department in item_rows()}


# 적출 분야 (the 순찰팀 report names 도로, 공원, 교통, 가로정비, 청소; the rest are usual patrol fields).
# EDITABLE DATA (confidence: Medium): default department and working days are a typical district's; the
# administrator changes them on the admin screens. The seed only creates missing categories.
FINDING_CATEGORIES = [
    ("도로", "도로과", 7),
    ("공원", "공원녹지과", 7),
    ("교통", "교통행정과", 7),
    ("가로정비", "건설과", 7),
    ("청소", "청소과", 3),
    ("불법광고물", "도시계획과", 5),
    ("건축", "건축과", 10),
    ("안전", "안전총괄과", 3),
    ("환경", "환경과", 7),
    ("치수·하수", "치수과", 7),
]


def seed_finding_categories(category_model, unit_model=None) -> int:
    """Create the missing finding categories (historical models work too). With `unit_model`, a category without a
    default department gets the one named here, if the organisation has it. Returns the number created."""
    units = {}
    if unit_model is not None:
        names = [row[1] for row in FINDING_CATEGORIES]
        units = {u.name: u for u in unit_model.objects.filter(name__in=names)}
    created = 0
    for order, (name, unit_name, days) in enumerate(FINDING_CATEGORIES, start=1):
        category, new = category_model.objects.get_or_create(
            name=name, defaults={"default_unit": units.get(unit_name), "due_days": days, "sort_order": order}
        )
        if not new and category.default_unit_id is None and units.get(unit_name):
            category.default_unit = units[unit_name]
            category.save(update_fields=["default_unit"])
        created += new
    return created
