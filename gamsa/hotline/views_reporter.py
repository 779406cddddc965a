"""The reporter's pages (/hotline/): no account, no script needed, nothing about the reporter recorded.

No CSRF token and no cookie: `Referrer-Policy: no-referrer` makes browsers send `Origin: null`, which Django's CSRF
check refuses, and an anonymous page has no session for a forged request to ride. A forged submission is spam at
worst (the global budgets bound it); the actions on a report need the page's short-lived token, which another site
cannot read. So the reporter's pages set no cookie at all (ADR 0023).

The receipt is shown once, in the answer to the submission (no redirect, no session). Returning with the receipt
opens the report for a short-lived token kept only in the page (hidden field); the cache keeps the report key
encrypted under that token, so neither the cache nor the database can open it alone.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gamsa.hotline import crypto, privacy, receipts
from gamsa.hotline import services as svc
from gamsa.hotline.forms import ReceiptForm, ReportForm, TextForm
from gamsa.hotline.models import Category, Report

TOKEN_SECONDS = 20 * 60
BUSY = "지금 신고가 많아 잠시 받을 수 없습니다. 몇 분 뒤 다시 시도해 주세요. 입력한 내용은 그대로 있습니다."


def _render(request, template, context, status=200):
    context = {"pow_challenge": privacy.new_challenge(), **context}
    return render(request, template, context, status=status)


@require_http_methods(["GET"])
def landing(request):
    return _render(request, "hotline/landing.html", {"categories": Category.objects.filter(active=True)})


def _uploads(request):
    return [f for f in request.FILES.getlist("files") if f is not None]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_form(request, code: str):
    category = Category.objects.filter(code=code, active=True).first()
    if category is None:
        if request.method == "POST":
            svc.discard(_uploads(request))
        raise Http404
    form = ReportForm(category, request.POST or None)
    if request.method == "POST":
        files = _uploads(request)
        if not form.is_valid():
            svc.discard(files)
            return _render(request, "hotline/report_form.html", {"form": form, "category": category}, 400)
        data = form.cleaned_data
        if not privacy.admit("reports", data.get("pow_challenge"), data.get("pow_nonce")):
            svc.discard(files)
            form.add_error(None, BUSY)
            return _render(request, "hotline/report_form.html", {"form": form, "category": category}, 429)
        try:
            report, receipt = svc.submit(
                category_code=category.code,
                answers=form.answers(),
                identity=form.identity(),
                files=files,
                receipt_kind=data["receipt_kind"],
            )
        except (svc.HotlineError, receipts.ReceiptFormatError) as exc:
            form.add_error(None, str(exc) or "다시 제출해 주세요.")
            return _render(request, "hotline/report_form.html", {"form": form, "category": category}, 400)
        return _render(
            request,
            "hotline/receipt.html",
            {"receipt": receipt, "report": report, "bits": int(receipts.bits(data["receipt_kind"]))},
        )
    return _render(request, "hotline/report_form.html", {"form": form, "category": category})


# --- returning with the receipt --------------------------------------------------------------------------------


def _token_slot(token: str) -> str:
    return "hotline:reporter:" + hashlib.sha256(token.encode()).hexdigest()


def _issue_token(report: Report, key: bytes) -> str:
    token_key = crypto.random_key()
    token = crypto.b64(token_key)
    payload = json.dumps({"r": str(report.public_id), "k": crypto.b64(key)}).encode()
    cache.set(_token_slot(token), crypto.seal_box(token_key, payload, "reporter-token"), TOKEN_SECONDS)
    return token


def _from_token(token: str) -> tuple[Report, bytes] | None:
    if not token or len(token) > 100:
        return None
    blob = cache.get(_token_slot(token))
    if blob is None:
        return None
    try:
        payload = json.loads(crypto.open_box(crypto.unb64(token), blob, "reporter-token"))
    except (crypto.DecryptionError, ValueError):
        return None
    report = Report.objects.filter(public_id=payload["r"]).select_related("category").first()
    return (report, crypto.unb64(payload["k"])) if report else None


def _page(request, report, key, token, *, message="", error="", new_receipt="", status=200, form=None):
    return _render(
        request,
        "hotline/mine.html",
        {
            "report": report,
            "content": svc.read(report, key, for_reporter=True),
            "token": token,
            "message": message,
            "error": error,
            "new_receipt": new_receipt,
            "form": form or TextForm(),
            "is_open": report.status in svc.OPEN,
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def mine(request):
    if request.method == "GET":
        return _render(request, "hotline/receipt_form.html", {"form": ReceiptForm()})
    files = _uploads(request)
    token = request.POST.get("token", "")
    if token:
        found = _from_token(token)
        if found is None:
            svc.discard(files)
            return _render(
                request,
                "hotline/receipt_form.html",
                {"form": ReceiptForm(), "error": "시간이 지나 닫혔습니다. 접수 암호를 다시 입력하세요."},
                400,
            )
        report, key = found
        if not svc.key_matches(report, key):  # re-keyed since the page opened (a handler was changed)
            svc.discard(files)
            return _render(
                request, "hotline/receipt_form.html", {"form": ReceiptForm(), "error": svc.STALE_KEY}, 400
            )
        return _act(request, report, key, token, files)
    svc.discard(files)
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return _render(request, "hotline/receipt_form.html", {"form": form}, 400)
    data = form.cleaned_data
    if not privacy.admit("lookups", data.get("pow_challenge"), data.get("pow_nonce")):
        return _render(request, "hotline/receipt_form.html", {"form": ReceiptForm(), "error": BUSY}, 429)
    try:
        report, key = svc.find(data["receipt"])
    except svc.ReceiptError as exc:
        return _render(request, "hotline/receipt_form.html", {"form": ReceiptForm(), "error": str(exc)}, 404)
    return _page(request, report, key, _issue_token(report, key))


def _act(request, report, key, token, files):
    action = request.POST.get("action", "")
    try:
        if action == "message":
            svc.discard(files)
            form = TextForm(request.POST)
            if not form.is_valid():
                return _page(
                    request, report, key, token, error="메시지를 적어 주세요.", status=400, form=form
                )
            svc.reporter_message(report, key, form.cleaned_data["text"])
            return _page(request, report, key, token, message="메시지를 보냈습니다.")
        if action == "files":
            count = svc.reporter_add_files(report, key, files)
            return _page(request, report, key, token, message=f"파일 {count}개를 더했습니다.")
        if action == "change_receipt":
            svc.discard(files)
            kind = "digits" if request.POST.get("receipt_kind") == "digits" else "words"
            new = svc.change_receipt(report, key, kind)
            return _page(request, report, key, token, new_receipt=new)
    except svc.StaleKey as exc:
        return _render(request, "hotline/receipt_form.html", {"form": ReceiptForm(), "error": str(exc)}, 400)
    except svc.HotlineError as exc:
        return _page(request, report, key, token, error=str(exc), status=400)
    svc.discard(files)
    return _page(request, report, key, token, error="알 수 없는 요청입니다.", status=400)
