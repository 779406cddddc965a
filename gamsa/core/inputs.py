"""The input-cleaning layer: every request passes it before any view, form, API operation or import sees it.

It applies the rules of gamsa/core/validators.py to what a request carries, in one pass:

- the path, every query-string key and value, every form field (url-encoded and multipart, not file contents)
  and every string in a JSON body: no NUL or other control character (PostgreSQL cannot store NUL; a NUL in a
  filter used to answer 500);
- integers written as such in the path, the query string or a JSON body fit MAX_INT (offset=10**30 overflowed
  the database drivers); free-text search parameters (`q`) are text, never judged as numbers;
- parameters and JSON keys named like a year (`year`, `quarter`) are sane numbers;
- a date or date-time written in ISO form in the path, the query string or a JSON body lies in the sane window
  (1990 to a year ahead), so 0001-01-01 and 9999-12-31 never reach the database or day arithmetic.

Form fields are only checked for control characters here: their dates are checked by the form fields themselves
(gamsa/core/forms.py), so the page keeps what was typed and shows the reason next to the field.

A refused request gets 400 with a Korean reason: JSON `{"detail": …}` under /api/, the GeoReport error list under
/open311/, the 400 page elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from gamsa.core import validators as rules

FREE_TEXT_PARAMS = frozenset({"q", "query", "search", "description", "answer", "note", "title"})
YEAR_PARAMS = frozenset({"year"})
SMALL_PARAMS = {"quarter": (1, 4)}
_INTEGER = re.compile(r"[+-]?\d+")
_ISO_DAY = re.compile(r"([+-]?\d{4,})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_JSON_TYPES = ("application/json", "application/merge-patch+json")


def value_problem(name: str, value: str) -> str | None:
    """Why a query-string, path or JSON text value is refused, or None."""
    if rules.has_control_characters(value) or rules.has_control_characters(name):
        return rules.CONTROL_MESSAGE
    if name in FREE_TEXT_PARAMS:
        return None
    text = value.strip()
    if _INTEGER.fullmatch(text):
        number = int(text)
        if name in YEAR_PARAMS:
            return rules.year_problem(number, f"{name}(연도)")
        if name in SMALL_PARAMS:
            low, high = SMALL_PARAMS[name]
            if not low <= number <= high:
                return f"{name}는 {low}부터 {high} 사이의 정수여야 합니다 (받은 값: {text})."
        if abs(number) > rules.MAX_INT:
            return f"{name or '값'}이(가) 너무 큽니다: {rules.MAX_INT:,} 이하의 정수여야 합니다."
        return None
    if name in YEAR_PARAMS and text:
        return f"{name}(연도)는 정수여야 합니다 (받은 값: {text[:20]})."
    match = _ISO_DAY.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            day_value = dt.date(year, month, day)
        except ValueError:
            return f"{name or '날짜'}의 날짜가 올바르지 않습니다 (받은 값: {text[:40]})."
        return rules.date_window_problem(day_value, f"{name or '날짜'}")
    return None


def _json_problem(data, key: str = "", depth: int = 0) -> str | None:
    if depth > 32:
        return "JSON이 너무 깊게 중첩되어 있습니다."
    if isinstance(data, dict):
        for name, item in data.items():
            if rules.has_control_characters(name):
                return rules.CONTROL_MESSAGE
            problem = _json_problem(item, name, depth + 1)
            if problem:
                return problem
    elif isinstance(data, list):
        for item in data:
            problem = _json_problem(item, key, depth + 1)
            if problem:
                return problem
    elif isinstance(data, str):
        return value_problem(key, data)
    elif isinstance(data, int) and not isinstance(data, bool):
        return value_problem(key, str(data))
    return None


def request_problem(request) -> str | None:
    """The first reason to refuse `request`, or None."""
    for segment in request.path.split("/"):
        problem = value_problem("", segment)
        if problem:
            return problem
    for name, values in request.GET.lists():
        for value in values:
            problem = value_problem(name, value)
            if problem:
                return problem
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        content_type = request.content_type or ""
        if content_type in _JSON_TYPES:
            try:
                data = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                return None  # the API answers malformed JSON itself
            return _json_problem(data)
        if content_type == "multipart/form-data" and request.path.startswith("/api/"):
            # The API's operations read their bodies themselves (parsing the stream here would take it from
            # them); the one multipart operation checks its text fields with the same rule.
            return None
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                form = request.POST
            except MultiPartParserError:
                return "multipart 본문을 읽을 수 없습니다 (boundary가 없거나 형식이 잘못되었습니다)."
            for name, values in form.lists():
                if rules.has_control_characters(name) or any(rules.has_control_characters(v) for v in values):
                    return rules.CONTROL_MESSAGE
    return None


def refuse(request, reason: str):
    path = request.path
    if path.startswith("/api/"):
        return JsonResponse({"detail": reason}, status=400, json_dumps_params={"ensure_ascii": False})
    if path.startswith("/open311/"):
        from gamsa.open311.formats import Open311Error, error_response

        fmt = "xml" if path.endswith(".xml") else "json"
        return error_response(fmt, Open311Error(400, [(400, reason)]), cors=request.method == "GET")
    return render(request, "400.html", {"reason": reason}, status=400)


class InputCleaningMiddleware:
    """Refuses, with 400 and a Korean reason, requests whose input breaks the rules in gamsa.core.validators."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = request_problem(request)
        if problem:
            return refuse(request, problem)
        return self.get_response(request)
