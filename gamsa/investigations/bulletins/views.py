"""Bulletin screens: items (search, create, edit, card news), bulletins (bundle, post to the board, read rate from
the board's receipts), trend reports (log, search) and the yearly figures. Objects come through the fetch-and-check
helpers of permissions.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import calendar as legal
from gamsa.core.filecheck import FileRejected
from gamsa.core.services import log_access
from gamsa.core.sorting import sort_queryset
from gamsa.investigations.bulletins import forms as f
from gamsa.investigations.bulletins import permissions as perms
from gamsa.investigations.bulletins import selectors
from gamsa.investigations.bulletins import services as svc
from gamsa.investigations.bulletins.models import Bulletin, ItemKind, MisconductItem, TrendReport

PAGE_SIZE = 30
ITEM_SORTS = {"date": "published_on", "title": "title", "kind": "kind", "source": "source"}
BULLETIN_SORTS = {"number": ("year", "number"), "title": "title", "posted": "posted_at", "items": "n_items"}
TREND_SORTS = {"date": "reported_on", "unit": "unit__path", "title": "title"}
TREND_FIELDS = ["동향보고 내용", "보고자"]


def _query(request) -> str:
    return "&".join(p for p in request.GET.urlencode().split("&") if p and not p.startswith("page="))


# --- items -------------------------------------------------------------------------------------------------------


@login_required
def item_list(request):
    perms.require(request, "view")
    form = f.SearchForm(request.GET or None)
    rows = selectors.search_items(MisconductItem.objects.all(), form.filters())
    rows, _ = sort_queryset(request, rows, ITEM_SORTS, default="-date")
    page = Paginator(rows.prefetch_related("tags"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "investigations/bulletins/items.html",
        {"page": page, "form": form, "query": _query(request), "can_manage": perms.can_manage(request.user)},
    )


def _item_values(d: dict) -> dict:
    return {
        "kind": d["kind"],
        "title": d["title"],
        "source": d["source"],
        "published_on": d["published_on"],
        "link": d["link"],
        "summary": d["summary"],
        "allegation_type": d["allegation_type"],
        "tags": d["tags"],
        "departments": list(d["departments"]),
        "card_message": d["card_message"],
        "card_actions": d["card_actions"],
    }


@login_required
def item_create(request):
    perms.require(request, "manage")
    form = f.ItemForm(request.POST or None, initial={"published_on": legal.now().date()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                item = svc.create_item(request.user, **_item_values(form.cleaned_data))
            except svc.BulletinError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "비위 사례를 등록했습니다.")
                return redirect("bulletins:item", public_id=item.public_id)
    return render(
        request, "investigations/bulletins/item_form.html", {"form": form, "item": None}, status=status
    )


@login_required
def item_edit(request, public_id):
    item = perms.item_for(request, public_id, "manage")
    form = f.ItemForm(request.POST or None, initial=f.ItemForm.initial_of(item))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                svc.update_item(request.user, item, **_item_values(form.cleaned_data))
            except svc.BulletinError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "비위 사례를 고쳤습니다.")
                return redirect("bulletins:item", public_id=item.public_id)
    return render(
        request, "investigations/bulletins/item_form.html", {"form": form, "item": item}, status=status
    )


@login_required
def item_detail(request, public_id):
    item = perms.item_for(request, public_id)
    return render(
        request,
        "investigations/bulletins/item.html",
        {
            "item": item,
            "tags": list(item.tags.all()),
            "departments": list(item.departments.all()),
            "bulletins": list(item.bulletins.order_by("-year", "-number")),
            "files": list(svc.card_files(item)[:2]),
            "is_card": item.kind == ItemKind.CARD_NEWS,
            "can_manage": perms.can_manage(request.user),
        },
    )


@login_required
@require_POST
def item_card(request, public_id):
    item = perms.item_for(request, public_id, "manage")
    try:
        svc.make_card(request.user, item)
    except (svc.BulletinError, FileRejected) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "카드뉴스(PDF·PNG)를 만들었습니다.")
    return redirect("bulletins:item", public_id=item.public_id)


# --- bulletins ---------------------------------------------------------------------------------------------------


@login_required
def bulletin_list(request):
    perms.require(request, "view")
    rows = Bulletin.objects.annotate(n_items=Count("entries")).select_related("post")
    rows, _ = sort_queryset(request, rows, BULLETIN_SORTS, default="-number")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    rates = selectors.overall_rates(list(page))
    for b in page:
        b.rate = rates.get(b.pk)
    return render(
        request,
        "investigations/bulletins/list.html",
        {"page": page, "query": _query(request), "can_manage": perms.can_manage(request.user)},
    )


def _bulletin_form(request, bulletin=None):
    initial = {}
    if bulletin is not None:
        initial = {
            "title": bulletin.title,
            "intro": bulletin.intro,
            "items": list(bulletin.entries.values_list("item_id", flat=True)),
            "audience_units": list(bulletin.audience_units.values_list("pk", flat=True)),
        }
    form = f.BulletinForm(request.POST or None, initial=initial, bulletin=bulletin)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            values = {
                "title": d["title"],
                "intro": d["intro"],
                "items": list(d["items"].order_by("-published_on", "-id")),
                "audience_units": list(d["audience_units"]),
            }
            try:
                if bulletin is None:
                    bulletin = svc.create_bulletin(request.user, **values)
                else:
                    svc.update_bulletin(request.user, bulletin, **values)
            except svc.BulletinError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "저장했습니다. 내용을 확인하고 게시하세요.")
                return redirect("bulletins:detail", public_id=bulletin.public_id)
    return render(
        request, "investigations/bulletins/form.html", {"form": form, "bulletin": bulletin}, status=status
    )


@login_required
def bulletin_create(request):
    perms.require(request, "manage")
    return _bulletin_form(request)


@login_required
def bulletin_edit(request, public_id):
    bulletin = perms.bulletin_for(request, public_id, "manage")
    if bulletin.is_posted:
        messages.error(request, "이미 게시한 비위 사례 공유는 고칠 수 없습니다.")
        return redirect("bulletins:detail", public_id=bulletin.public_id)
    return _bulletin_form(request, bulletin)


@login_required
def bulletin_detail(request, public_id):
    bulletin = perms.bulletin_for(request, public_id)
    entries = bulletin.entries.select_related("item", "item__allegation_type").prefetch_related("item__tags")
    return render(
        request,
        "investigations/bulletins/detail.html",
        {
            "b": bulletin,
            "entries": entries,
            "units": list(bulletin.audience_units.all()),
            "read": selectors.read_rate(bulletin),
            "can_manage": perms.can_manage(request.user),
        },
    )


@login_required
@require_POST
def bulletin_post(request, public_id):
    bulletin = perms.bulletin_for(request, public_id, "manage")
    try:
        svc.post_bulletin(request.user, bulletin)
    except (svc.BulletinError, FileRejected) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "직원 게시판에 게시했습니다.")
    return redirect("bulletins:detail", public_id=bulletin.public_id)


@login_required
def stats(request):
    perms.require(request, "view")
    this_year = legal.now().year
    try:
        year = min(max(int(request.GET.get("year") or this_year), 2000), 2100)
    except ValueError:
        year = this_year
    return render(
        request,
        "investigations/bulletins/stats.html",
        {
            "s": selectors.statistics(year),
            "yearly": selectors.yearly(),
            "years": range(this_year, this_year - 6, -1),
        },
    )


# --- trend reports -----------------------------------------------------------------------------------------------


@login_required
def trend_list(request):
    perms.require(request, "trends")
    units = perms.department_units() if perms.can_read(request.user) else perms.trend_units(request.user)
    form = f.SearchForm(request.GET or None, units=units, with_kind=False)
    rows = perms.visible_trends(request.user, TrendReport.objects.select_related("unit"))
    rows = selectors.search_trends(rows, form.filters())
    rows, _ = sort_queryset(request, rows, TREND_SORTS, default="-date")
    page = Paginator(rows.prefetch_related("tags"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "investigations/bulletins/trends.html",
        {"page": page, "form": form, "query": _query(request), "can_log": perms.can_log_trends(request.user)},
    )


@login_required
def trend_create(request):
    perms.require(request, "log")
    today = legal.now().date()
    units = perms.trend_units(request.user)
    initial = {"reported_on": today}
    if units.count() == 1:
        initial["unit"] = units.first()
    form = f.TrendForm(request.POST or None, initial=initial, user=request.user, today=today)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = svc.log_trend(
                    request.user,
                    unit=d["unit"],
                    reported_on=d["reported_on"],
                    title=d["title"],
                    summary=d["summary"],
                    tags=d["tags"],
                    items=list(d["items"]),
                )
            except svc.BulletinError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "동향보고를 등록했습니다.")
                return redirect("bulletins:trend", public_id=report.public_id)
    return render(request, "investigations/bulletins/trend_form.html", {"form": form}, status=status)


@login_required
def trend_detail(request, public_id):
    report = perms.trend_for(request, public_id)
    log_access(request.user, report, TREND_FIELDS, request=request, reason="동향보고 열람")
    return render(
        request,
        "investigations/bulletins/trend.html",
        {
            "r": report,
            "tags": list(report.tags.all()),
            "items": list(report.items.all()),
            "can_read_items": perms.can_read(request.user),
        },
    )
