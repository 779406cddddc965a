"""GeoReport v2 output: XML (ElementTree, no namespace, UTF-8 declaration) and JSON (the spec's mapping:
a list root becomes an array, the service definition and discovery are objects)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

# Korea has kept UTC+9 without daylight saving since 1988: a fixed offset is exact and faster than the zone.
KST = dt.timezone(dt.timedelta(hours=9))
XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# The singular element of each list, by the list's element name (XML only; JSON uses arrays).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "photos": "photo",
}


def w3c(moment: dt.datetime | None) -> str | None:
    """W3C datetime with the Korean offset: 2026-11-26T09:30:00+09:00."""
    if moment is None:
        return None
    return moment.astimezone(KST).isoformat(timespec="seconds")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return w3c(value) or ""
    return str(value)


def _fill(parent: ET.Element, name: str, value: Any) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, sub in value.items():
            _fill(element, key, sub)
    elif isinstance(value, list | tuple):
        child = ITEM_NAMES.get(name, "item")
        for sub in value:
            _fill(element, child, sub)
    else:
        element.text = _text(value)


def to_xml(root: str, payload: Any) -> bytes:
    """`payload` is a list (of dicts) for list roots, or a dict for object roots. None → empty element."""
    element = ET.Element(root)
    if isinstance(payload, dict):
        for key, value in payload.items():
            _fill(element, key, value)
    else:
        child = ITEM_NAMES[root]
        for value in payload:
            _fill(element, child, value)
    return (XML_DECLARATION + ET.tostring(element, encoding="unicode")).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return w3c(value)
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


def respond(fmt: str, root: str, payload: Any, status: int = 200, *, cors: bool = False) -> HttpResponse:
    if fmt == "xml":
        response = HttpResponse(to_xml(root, payload), content_type=XML_TYPE, status=status)
    else:
        body = json.dumps(payload, ensure_ascii=False, default=_json_default, separators=(",", ":"))
        response = HttpResponse(body.encode("utf-8"), content_type=JSON_TYPE, status=status)
    if cors:
        response["Access-Control-Allow-Origin"] = "*"
    return response


class Open311Error(Exception):
    """One or more spec errors: HTTP status plus a list of (code, description)."""

    def __init__(self, status: int, errors: list[tuple[int, str]]):
        super().__init__(errors[0][1] if errors else "")
        self.status = status
        self.errors = errors


def error_response(fmt: str, error: Open311Error, *, cors: bool = False) -> HttpResponse:
    payload = [{"code": code, "description": description} for code, description in error.errors]
    return respond(fmt, "errors", payload, error.status, cors=cors)
