"""Status, channel, kind and similar API filters are enums in the OpenAPI schema, taken from the models' choices,
and a value outside the enum is the project's Korean 400 (gamsa/api.py), not an empty list or a free string."""

from __future__ import annotations

import pytest

from gamsa.audits.models import DispositionStatus, EngagementStatus, EngagementType
from gamsa.complaints.models import Channel, Kind
from gamsa.complaints.models import Status as GrievanceStatus
from gamsa.core.models import UnitKind, User
from gamsa.core.services import issue_api_token
from gamsa.patrols.fieldcomplaints.selectors import STATE_FILTERS
from gamsa.patrols.models import ComplaintStatus, Finding, FindingStatus, RoundKind
from gamsa.reviews.models import Category, ReviewKind


def _enum(schema: dict, path: str, name: str) -> list[str]:
    (param,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
    found = param["schema"].get("enum")
    if found is None:  # optional: anyOf [{enum}, {null}]
        (found,) = [option["enum"] for option in param["schema"]["anyOf"] if "enum" in option]
    return found


@pytest.mark.parametrize(
    "path, name, expected",
    [
        ("/api/v1/grievances", "status", [*GrievanceStatus.values, "", "open"]),
        ("/api/v1/grievances", "channel", [*Channel.values, ""]),
        ("/api/v1/grievances", "kind", [*Kind.values, ""]),
        ("/api/v1/audits/engagements", "type", EngagementType.values),
        ("/api/v1/audits/engagements", "status", EngagementStatus.values),
        ("/api/v1/audits/dispositions", "status", DispositionStatus.values),
        ("/api/v1/org/units", "kind", UnitKind.values),
        ("/api/v1/patrol-rounds", "kind", [*RoundKind.values, ""]),
        ("/api/v1/findings", "status", [*FindingStatus.values, "", "open"]),
        ("/api/v1/findings", "source", [*Finding.Source.values, ""]),
        ("/api/v1/fieldcomplaints", "state", list(STATE_FILTERS)),
        ("/api/v1/fieldcomplaints", "status", ComplaintStatus.values),
        ("/api/v1/reviews/pre-execution", "category", Category.values),
        ("/api/v1/reviews/thresholds/check", "review", ReviewKind.values),
    ],
)
def test_schema_lists_the_model_choices_as_enums(client, path, name, expected):
    schema = client.get("/api/v1/openapi.json").json()
    assert _enum(schema, path, name) == expected


def bearer(username: str) -> dict:
    _, raw = issue_api_token(User.objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize(
    "path, name, good",
    [
        ("/api/v1/grievances", "status", "open"),
        ("/api/v1/grievances", "channel", "eungdapso"),
        ("/api/v1/audits/engagements", "status", "published"),
        ("/api/v1/audits/dispositions", "status", "open"),
        ("/api/v1/org/units", "kind", "dong"),
        ("/api/v1/findings", "source", "patrol"),
    ],
)
def test_value_outside_the_enum_is_a_korean_400(demo, client, path, name, good):
    headers = bearer("head")
    assert client.get(path, {name: good}, **headers).status_code == 200
    refused = client.get(path, {name: "no_such_value"}, **headers)
    assert refused.status_code == 400
    body = refused.json()
    assert body["detail"] == "요청 값이 올바르지 않습니다."
    assert body["errors"][0]["loc"][-1] == name


@pytest.mark.parametrize(
    "component, field, expected",
    [
        ("GrievanceOut", "status", GrievanceStatus.values),
        ("GrievanceOut", "channel", Channel.values),
        ("EngagementOut", "status", EngagementStatus.values),
        ("DispositionOut", "status", DispositionStatus.values),
        ("PatrolFindingOut", "status", FindingStatus.values),
        ("FieldComplaintOut", "status", ComplaintStatus.values),
        ("RoundOut", "kind", RoundKind.values),
        ("PreOut", "category", Category.values),
    ],
)
def test_schema_lists_the_model_choices_in_responses(client, component, field, expected):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"][component]["properties"][field]["enum"] == expected
