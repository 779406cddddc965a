"""Default attribute definitions of a few Open311 services. EDITABLE DATA: administrators change them on the
admin screens; seeding only creates what is missing and never overwrites edits. No model imports here (the data
migration uses it with historical models)."""

from __future__ import annotations

# Seeded per item code (the service_code; items are the patrols app's data). A missing item is skipped.
DEFAULT_ATTRIBUTES: dict[str, list[dict]] = {
    "traffic-illegal-parking": [
        {
            "code": "vehicle_number",
            "datatype": "string",
            "required": False,
            "order": 1,
            "description": "차량번호를 알면 적어 주세요.",
            "datatype_description": "예: 12가3456",
        },
        {
            "code": "parking_place",
            "datatype": "singlevaluelist",
            "required": True,
            "order": 2,
            "description": "어디에 세워져 있나요?",
            "values": [
                {"key": "crosswalk", "name": "횡단보도"},
                {"key": "sidewalk", "name": "보도"},
                {"key": "bus_stop", "name": "버스정류소"},
                {"key": "intersection", "name": "교차로 모퉁이"},
                {"key": "fire_hydrant", "name": "소화전 주변"},
                {"key": "school_zone", "name": "어린이보호구역"},
                {"key": "other", "name": "기타"},
            ],
        },
    ],
    "safety-security-light": [
        {
            "code": "pole_number",
            "datatype": "string",
            "required": False,
            "order": 1,
            "description": "전주(보안등 기둥)에 붙은 번호를 적어 주세요.",
            "datatype_description": "기둥의 관리번호 표찰, 예: 영등포 12-345",
        },
        {
            "code": "symptom",
            "datatype": "singlevaluelist",
            "required": False,
            "order": 2,
            "description": "어떤 상태인가요?",
            "values": [
                {"key": "off", "name": "꺼져 있음"},
                {"key": "blinking", "name": "깜박임"},
                {"key": "daytime_on", "name": "낮에도 켜져 있음"},
                {"key": "damaged", "name": "파손"},
            ],
        },
    ],
    "road-pothole": [
        {
            "code": "pothole_size",
            "datatype": "singlevaluelist",
            "required": False,
            "order": 1,
            "description": "파인 곳의 크기는 어느 정도인가요?",
            "values": [
                {"key": "small", "name": "손바닥 크기"},
                {"key": "medium", "name": "접시 크기"},
                {"key": "large", "name": "그보다 큼"},
            ],
        },
    ],
    "cleaning-illegal-dumping": [
        {
            "code": "waste_kind",
            "datatype": "multivaluelist",
            "required": False,
            "order": 1,
            "description": "어떤 쓰레기인가요? (여러 개 선택)",
            "values": [
                {"key": "household", "name": "생활쓰레기"},
                {"key": "food", "name": "음식물"},
                {"key": "bulky", "name": "대형폐기물"},
                {"key": "construction", "name": "건설폐기물"},
            ],
        },
    ],
}


def seed_attribute_rows(item_model, attribute_model) -> list:
    """Create the missing default definitions (works with historical models in migrations); never overwrites."""
    created = []
    for item in item_model.objects.filter(code__in=DEFAULT_ATTRIBUTES):
        for spec in DEFAULT_ATTRIBUTES[item.code]:
            existing = attribute_model.objects.filter(item=item)
            if existing.filter(code=spec["code"]).exists() or existing.filter(order=spec["order"]).exists():
                continue  # already there, or an administrator uses this position
            created.append(attribute_model.objects.create(item=item, **spec))
    return created
