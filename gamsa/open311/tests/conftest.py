"""Fixtures of the Open311 tests: a district unit, partner keys, a guardian, and spec-shape checks."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from gamsa.core import services as core_services
from gamsa.core.models import Agency, UnitKind, User
from gamsa.open311 import services
from gamsa.patrols.models import FieldItem, FindingCategory

W3C = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


@pytest.fixture
def district(db):
    # the test database holds the demo district (gamsa/conftest.py); these tests add their own parking unit to it
    agency = Agency.objects.filter(open311_jurisdiction_id="ydp.seoul.kr").first() or Agency.objects.create(
        name="영등포구", code="3180000", open311_jurisdiction_id="ydp.seoul.kr"
    )
    parking = core_services.create_unit(
        None, agency=agency, code="parking", name="주차관리과", kind=UnitKind.DEPARTMENT
    )
    FieldItem.objects.filter(code="traffic-illegal-parking").update(default_unit=parking)
    return agency


@pytest.fixture
def partner_key(district):
    key, raw = services.create_key(None, name="협력기관 앱")
    return raw


@pytest.fixture
def guardian_key(district):
    from gamsa.patrols.guardians.services import appoint_guardian

    core_services.create_unit(
        None, agency=district, code="patrol", name="순찰팀", kind=UnitKind.TEAM, office_team="patrol"
    )
    user = User.objects.create_user(username="guardian1", password="x", full_name="김지킴")
    appoint_guardian(None, user=user, appointed_on=dt.date(2026, 1, 2))
    FindingCategory.objects.get_or_create(name="교통", defaults={"due_days": 7})
    key, raw = services.create_key(None, name="지킴이 앱", user=user)
    return raw


def xml_of(response) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def children(element: ET.Element) -> list[str]:
    return [child.tag for child in element]


def json_of(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


# --- the shapes of open311/schema-validation (georeport-v2), checked by hand -------------------------------------


def _string_or_null(value) -> bool:
    return value is None or isinstance(value, str)


def check_service(row: dict) -> None:
    assert isinstance(row["service_code"], str) and row["service_code"]
    assert isinstance(row["service_name"], str) and row["service_name"]
    assert _string_or_null(row["description"])
    assert isinstance(row["metadata"], bool)
    assert row["type"] in ("realtime", "batch", "blackbox")
    assert _string_or_null(row["keywords"]) and _string_or_null(row["group"])


def check_definition(definition: dict) -> None:
    assert isinstance(definition, dict) and isinstance(definition["service_code"], str)
    orders = []
    for attribute in definition["attributes"]:
        assert isinstance(attribute["variable"], bool) and isinstance(attribute["required"], bool)
        assert attribute["datatype"] in (
            "string",
            "number",
            "datetime",
            "text",
            "singlevaluelist",
            "multivaluelist",
        )
        assert isinstance(attribute["code"], str) and isinstance(attribute["description"], str)
        assert isinstance(attribute["order"], int) and attribute["order"] >= 1
        orders.append(attribute["order"])
        if attribute["datatype"].endswith("valuelist"):
            assert attribute["values"] and all(set(v) == {"key", "name"} for v in attribute["values"])
    assert len(orders) == len(set(orders))


def check_request(row: dict) -> None:
    """request.json requires service_request_id, status, service_code, requested_datetime; the rest nullable."""
    assert list(row)[: len(REQUEST_FIELDS)] == REQUEST_FIELDS
    assert isinstance(row["service_request_id"], str)
    assert row["status"] in ("open", "closed")
    assert isinstance(row["service_code"], str)
    assert W3C.match(row["requested_datetime"])
    for name in ("updated_datetime", "expected_datetime"):
        assert row[name] is None or W3C.match(row[name])
    for name in ("status_notes", "service_name", "description", "agency_responsible", "address", "media_url"):
        assert _string_or_null(row[name])
    for name in ("lat", "long"):
        assert row[name] is None or isinstance(row[name], int | float)
