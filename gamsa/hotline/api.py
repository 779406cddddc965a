"""The reporter's side as an API, for a kiosk or a mobile app (no account; the privacy middleware strips the
address, browser and referrer from these requests too).

- POST /hotline/reports (multipart): category, answers (JSON object: question code → text), optional identity
  (JSON object: name, phone, email), any number of files → 201 {"receipt": "..."}.
- GET /hotline/reports/mine with X-Hotline-Receipt → the status and the messages the reporter may read;
  404 with one body for unknown, wrong and malformed receipts (and the same Argon2 work).

API clients draw on the no-script budget (no proof of work): 429 when it is spent.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Header, Router, Schema, Status, UploadedFile

from gamsa.hotline import privacy
from gamsa.hotline import services as svc

router = Router(tags=["hotline"])

StatusValue = Literal["received", "in_progress", "closed", "converted"]


class Refusal(Schema):
    detail: str
    errors: list[dict] | None = None


class ReceiptOut(Schema):
    receipt: str


class MessageOut(Schema):
    author: Literal["reporter", "office"]
    text: str
    on: dt.date


class MineOut(Schema):
    status: StatusValue
    status_label: str
    category: str
    received_on: dt.date
    acknowledged: bool
    result: str | None = None
    messages: list[MessageOut]


BUSY = {"detail": "지금 신고가 많아 잠시 받을 수 없습니다. 몇 분 뒤 다시 시도해 주세요."}


def _json_object(raw: str | None, label: str):
    if raw is None or raw == "":
        return None
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise svc.HotlineError(f"{label}은(는) JSON 객체여야 합니다.") from None
    if not isinstance(value, dict):
        raise svc.HotlineError(f"{label}은(는) JSON 객체여야 합니다.")
    return value


@router.post(
    "/hotline/reports",
    auth=None,
    response={201: ReceiptOut, 400: Refusal, 429: Refusal},
    summary="청렴톡 익명 신고 (계정 없음)",
)
def submit_report(
    request: HttpRequest,
    category: Form[str],
    answers: Form[str],
    identity: Form[str | None] = None,
    receipt_kind: Form[Literal["words", "digits"]] = "words",
    files: File[list[UploadedFile]] = None,
):
    uploads = list(files or [])
    try:
        answers_value = _json_object(answers, "answers")
        identity_value = _json_object(identity, "identity")
        if answers_value is None:
            raise svc.HotlineError("answers를 보내 주세요.")
        if not privacy.admit("reports", None, None):
            svc.discard(uploads)
            return Status(429, BUSY)
        _, receipt = svc.submit(
            category_code=category,
            answers=answers_value,
            identity=identity_value,
            files=uploads,
            receipt_kind=receipt_kind,
        )
    except svc.HotlineError as exc:
        svc.discard(uploads)
        return Status(400, {"detail": str(exc)})
    return Status(201, {"receipt": receipt})


@router.get(
    "/hotline/reports/mine",
    auth=None,
    response={200: MineOut, 404: Refusal, 429: Refusal},
    summary="접수 암호로 내 신고 보기",
)
def my_report(
    request: HttpRequest,
    x_hotline_receipt: str | None = Header(None, alias="X-Hotline-Receipt", description="접수 암호"),
):
    if not privacy.admit("lookups", None, None):
        return Status(429, BUSY)
    # The middleware moved the header out of META (so no error report can carry it); read it from there.
    receipt = getattr(request, "hotline_receipt", None) or ""
    try:
        report, key = svc.find(receipt)
    except svc.ReceiptError as exc:
        return Status(404, {"detail": str(exc)})
    content = svc.read(report, key, for_reporter=True)
    body = {
        "status": report.status,
        "status_label": report.get_status_display(),
        "category": report.category.name,
        "received_on": timezone.localtime(report.received_at).date(),
        "acknowledged": report.acknowledged_at is not None,
        "result": content["result"] or None,
        "messages": [
            {
                "author": "office" if m["from_office"] else "reporter",
                "text": m["text"],
                "on": timezone.localtime(m["at"]).date(),
            }
            for m in content["messages"]
        ],
    }
    return Status(200, body)
