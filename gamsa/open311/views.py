"""The GeoReport v2 endpoints. GETs are public (CORS open); only POST requests needs an api_key and is the one
CSRF-exempt view (a partner's server cannot carry our CSRF cookie; the key is its credential)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from gamsa.open311 import selectors, services
from gamsa.open311.formats import Open311Error, error_response, respond

ALLOWED = {"GET": "GET, HEAD, OPTIONS", "POST": "GET, POST, HEAD, OPTIONS"}


def endpoint(*methods: str):
    """Method check, CORS preflight, and spec errors turned into `<errors>` / `[{code, description}]`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, fmt: str, **kwargs):
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = ", ".join((*methods, "OPTIONS"))
                response["Access-Control-Allow-Headers"] = "Content-Type"
                return response
            allowed = (*methods, "HEAD") if "GET" in methods else methods
            if request.method not in allowed:
                error = Open311Error(405, [(405, f"허용하지 않는 방식입니다: {request.method}")])
                response = error_response(fmt, error)
                response["Allow"] = ", ".join(allowed)
                return response
            cors = request.method in ("GET", "HEAD")
            try:
                params = request.POST if request.method == "POST" else request.GET
                selectors.check_jurisdiction(params.get("jurisdiction_id"))
                return view(request, *args, fmt=fmt, cors=cors, **kwargs)
            except Open311Error as exc:
                return error_response(fmt, exc, cors=cors)

        return wrapper

    return decorate


@endpoint("GET")
def discovery(request, fmt: str, cors: bool):
    base = request.build_absolute_uri("/open311/v2").rstrip("/")
    changed = selectors.changeset()
    payload = {
        "changeset": changed,
        "contact": getattr(settings, "GAMSA_OPEN311_CONTACT", "")
        or f"{getattr(settings, 'GAMSA_SITE_NAME', '감사담당관')} 순찰팀으로 문의하세요.",
        "key_service": getattr(settings, "GAMSA_OPEN311_KEY_SERVICE", "")
        or "API 키는 순찰팀에 신청하면 시스템 관리자가 발급합니다(gamsa open311 create-key).",
        "endpoints": [
            {
                "specification": selectors.SPECIFICATION,
                "url": base,
                "changeset": changed,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", payload, cors=cors)


@endpoint("GET")
def service_list(request, fmt: str, cors: bool):
    return respond(fmt, "services", selectors.service_list(), cors=cors)


@endpoint("GET")
def service_definition(request, code: str, fmt: str, cors: bool):
    item = selectors.get_item(code)
    return respond(fmt, "service_definition", selectors.service_definition(item), cors=cors)


def _rate_limited(key) -> bool:
    """At most GAMSA_OPEN311_POSTS_PER_MINUTE posts per key and minute (cache counter)."""
    limit = getattr(settings, "GAMSA_OPEN311_POSTS_PER_MINUTE", 60)
    if not limit:
        return False
    bucket = f"open311:posts:{key.pk}"
    if cache.add(bucket, 1, timeout=60):
        return False
    try:
        return cache.incr(bucket) > limit
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=60)
        return False


@csrf_exempt
@endpoint("GET", "POST")
def service_requests(request, fmt: str, cors: bool):
    if request.method == "POST":
        key = services.key_for((request.POST.get("api_key") or "").strip())
        if key is None:
            raise Open311Error(403, [(403, "api_key가 없거나 올바르지 않습니다. (invalid api_key)")])
        if _rate_limited(key):
            raise Open311Error(429, [(429, "요청이 너무 많습니다. 1분 뒤에 다시 보내세요. (rate limited)")])
        posted = services.submit_request(key, request.POST)
        row = (
            {"service_request_id": posted.service_request_id}
            if posted.service_request_id
            else {"token": posted.token}
        )
        row["service_notice"] = posted.service_notice
        row["account_id"] = None
        return respond(fmt, "service_requests", [row])
    query = selectors.parse_query(request.GET)
    return respond(fmt, "service_requests", selectors.find_requests(query), cors=cors)


@endpoint("GET")
def service_request(request, request_id: str, fmt: str, cors: bool):
    extensions = (request.GET.get("extensions") or "").lower() == "true"
    return respond(fmt, "service_requests", [selectors.get_request(request_id, extensions)], cors=cors)


@endpoint("GET")
def token(request, token: str, fmt: str, cors: bool):
    return respond(fmt, "service_requests", [selectors.token_lookup(token)], cors=cors)
