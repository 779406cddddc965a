"""Discovery, service list and service definitions, driven as the spec's examples do, in XML and JSON."""

from __future__ import annotations

import pytest

from gamsa.open311.tests.conftest import (
    W3C,
    check_definition,
    check_service,
    children,
    json_of,
    xml_of,
)

pytestmark = pytest.mark.django_db


def test_discovery_xml_has_the_spec_elements_in_order(client, district):
    response = client.get("/open311/v2/discovery.xml")
    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "discovery"
    assert children(root) == ["changeset", "contact", "key_service", "endpoints"]
    assert W3C.match(root.findtext("changeset"))
    endpoint = root.find("endpoints/endpoint")
    assert children(endpoint) == ["specification", "url", "changeset", "type", "formats"]
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.findtext("url") == "http://testserver/open311/v2"
    assert endpoint.findtext("type") == "production"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_discovery_json_is_an_object(client, district):
    data = json_of(client.get("/open311/v2/discovery.json"))
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    assert "create-key" in data["key_service"]


def test_service_list_xml(client, district):
    root = xml_of(client.get("/open311/v2/services.xml?jurisdiction_id=ydp.seoul.kr"))
    assert root.tag == "services"
    services = root.findall("service")
    assert len(services) >= 70  # the 응답소 taxonomy (73 items, all published by default)
    parking = next(s for s in services if s.findtext("service_code") == "traffic-illegal-parking")
    assert children(parking) == [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ]
    assert parking.findtext("service_name") == "불법주정차"
    assert parking.findtext("metadata") == "true"
    assert parking.findtext("type") == "realtime"
    assert parking.findtext("group") == "교통"
    assert parking.findtext("description") == "접수 후 3시간 이내 처리합니다."
    no_attributes = next(s for s in services if s.findtext("service_code") == "traffic-traffic-sign")
    assert no_attributes.findtext("metadata") == "false"


def test_service_list_json_hides_unpublished_and_provisional_items(client, district):
    from gamsa.patrols.models import FieldItem

    FieldItem.objects.filter(code="safety-street-light").update(open311=False)
    FieldItem.objects.filter(code="road-manhole").update(provisional=True)
    data = json_of(client.get("/open311/v2/services.json"))
    assert isinstance(data, list)
    for row in data:
        check_service(row)
        assert isinstance(row["service_code"], str)
    codes = {row["service_code"] for row in data}
    assert "traffic-illegal-parking" in codes
    assert "safety-street-light" not in codes and "road-manhole" not in codes


def test_service_definition_xml(client, district):
    root = xml_of(client.get("/open311/v2/services/traffic-illegal-parking.xml"))
    assert root.tag == "service_definition"
    assert children(root) == ["service_code", "attributes"]
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["vehicle_number", "parking_place"]
    assert children(attributes[0]) == [
        "variable",
        "code",
        "datatype",
        "required",
        "datatype_description",
        "order",
        "description",
    ]
    assert attributes[0].findtext("datatype") == "string"
    assert attributes[0].findtext("required") == "false"
    assert attributes[1].findtext("required") == "true"
    values = attributes[1].findall("values/value")
    assert children(values[0]) == ["key", "name"]
    assert (values[0].findtext("key"), values[0].findtext("name")) == ("crosswalk", "횡단보도")


def test_service_definition_json_is_an_object(client, district):
    data = json_of(client.get("/open311/v2/services/safety-security-light.json"))
    check_definition(data)
    assert data["service_code"] == "safety-security-light"
    assert data["attributes"][0]["code"] == "pole_number"
    assert data["attributes"][0]["description"].startswith("전주")


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_unknown_service_code_is_404_with_errors(client, district, fmt):
    response = client.get(f"/open311/v2/services/no-such-thing.{fmt}")
    assert response.status_code == 404
    if fmt == "xml":
        root = xml_of(response)
        assert root.tag == "errors"
        assert children(root.find("error")) == ["code", "description"]
        assert root.findtext("error/code") == "404"
    else:
        data = json_of(response)
        assert data[0]["code"] == 404 and "no-such-thing" in data[0]["description"]


@pytest.mark.parametrize("path", ["services.xml", "services/traffic-illegal-parking.json", "requests.json"])
def test_wrong_jurisdiction_is_404_and_empty_is_absent(client, district, path):
    response = client.get(f"/open311/v2/{path}?jurisdiction_id=gangnam.seoul.kr")
    assert response.status_code == 404
    assert b"jurisdiction" in response.content
    assert client.get(f"/open311/v2/{path}?jurisdiction_id=").status_code == 200
    assert client.get(f"/open311/v2/{path}?jurisdiction_id=ydp.seoul.kr").status_code == 200


def test_jurisdiction_setting_overrides_the_agency(client, district, settings):
    settings.GAMSA_OPEN311_JURISDICTION = "test.ydp.seoul.kr"
    assert client.get("/open311/v2/services.json?jurisdiction_id=ydp.seoul.kr").status_code == 404
    assert client.get("/open311/v2/services.json?jurisdiction_id=test.ydp.seoul.kr").status_code == 200


def test_methods_outside_the_spec_are_refused(client, district):
    response = client.post("/open311/v2/services.xml")
    assert response.status_code == 405
    assert xml_of(response).tag == "errors"
    assert client.delete("/open311/v2/requests.json").status_code == 405


def test_preflight_allows_any_origin(client, district):
    response = client.options("/open311/v2/requests.json")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response["Access-Control-Allow-Methods"]
