"""Cost-sheet review API: POST /api/v1/costing/reviews (a JSON sheet, or an XLSX file as multipart `file`)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from ninja import Router

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.core.validators import CONTROL_MESSAGE, has_control_characters
from gamsa.costing import permissions as perms
from gamsa.costing import services
from gamsa.costing.engine.sheet import SheetError
from gamsa.costing.upload import read_json, read_upload

router = Router(tags=["costing"], auth=SIGNED_IN_AUTH)


def _user(request: HttpRequest):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _json(data, status: int) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@router.post(
    "/costing/reviews",
    summary="원가계산서 제비율 심사",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {"type": "object", "description": "원가계산서 JSON (안내서 참고)"}
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "title": {"type": "string"},
                        },
                    }
                },
            }
        },
        "responses": {
            "201": {"description": "심사 결과: lines(비목별)와 totals(stated_total, allowed_total, savings)"},
            "400": {"description": "잘못된 항목마다 field와 한국어 message"},
        },
    },
)
def create_review(request: HttpRequest):
    """원가계산서(JSON 본문 또는 XLSX 파일)를 기준일의 요율표로 심사하고 저장합니다. 결과는 `lines`와 `totals`입니다.
    저장된 심사는 `Location` 헤더의 주소에서 볼 수 있습니다."""
    user = _user(request)
    if not perms.can_review(user):
        return _json({"detail": "제비율 심사 권한이 없습니다."}, 403)
    upload = request.FILES.get("file")
    if upload is None and request.content_type != "application/json":
        return _json(
            {
                "detail": "원가계산서를 JSON 본문(application/json)이나 multipart의 file 항목(XLSX)으로 보내 주세요."
            },
            400,
        )
    title = request.POST.get("title", "") if upload else ""
    if has_control_characters(title):
        return _json({"detail": CONTROL_MESSAGE}, 400)
    try:
        if upload:
            data, _ = read_upload(upload.read())
        else:
            data = read_json(request.body or b"")
        review = services.review_sheet(user, data, title=title)
    except SheetError as exc:
        return _json({"detail": "원가계산서에 고칠 곳이 있습니다.", "errors": exc.errors}, 400)
    response = _json(review.result, 201)
    response["Location"] = reverse("costing:detail", args=[review.public_id])
    return response
