"""What the ethics screens share: the access gates, the POST-action runner (a form, a service, a Korean message)
and the personal-data log of lists."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect

from gamsa.core import calendar as legal
from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.errors import Denied, EthicsError

PAGE_SIZE = 30


def today() -> dt.date:
    return legal.now().date()


def desk(request) -> None:
    """Every ethics page: the desk (officer, investigation team leader, office head); others 404."""
    core_perms.deny_outsider(perms.can_use_desk(request.user))


def manager(request) -> None:
    """A write: the office head reads only (403)."""
    core_perms.deny_read_only(perms.can_manage(request.user))


def page_of(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def log_list(request, page, *, target_type: str, fields: list[str], reason: str) -> None:
    """A list that shows names is personal data too: one row for the page, with how many people it showed."""
    count = len(page.object_list)
    if count:
        log_access(
            request.user,
            None,
            fields,
            request=request,
            reason=reason,
            count=count,
            target_type=target_type,
            target_id="list",
        )


def run(request, action: str, forms: dict, obj, detail, redirect_to: str, **redirect_kwargs):
    """POST `action` on `obj`: `forms[action] = (form class, runner(request, obj, data) -> message)`. A bad form or a
    refused step re-renders `detail(bound={action: form}, error=…, status=400)` with what was typed."""
    if action not in forms:
        raise Http404
    manager(request)
    form_class, runner = forms[action]
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return detail(bound={action: form}, error="입력한 값을 확인하세요.", status=400)
    try:
        message = runner(request, obj, form.cleaned_data)
    except (EthicsError, FileRejected) as exc:
        return detail(bound={action: form}, error=str(exc), status=400)
    except Denied:
        raise PermissionDenied from None
    messages.success(request, message)
    return redirect(redirect_to, **redirect_kwargs)


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response
