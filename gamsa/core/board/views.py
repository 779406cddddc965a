"""The staff notice board: list (unread marked), a post (opening it is the read receipt), publishing, withdrawing
and the read receipts by department. Posts are fetched through `_post_for` (404 unless addressed to the user)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.board import permissions as perms
from gamsa.core.board import selectors
from gamsa.core.board import services as svc
from gamsa.core.board.forms import PostForm
from gamsa.core.board.models import Category, Post, ReadReceipt
from gamsa.core.filecheck import FileRejected
from gamsa.core.services import log_access

PAGE_SIZE = 30


def _post_for(request, public_id, *, manage: bool = False) -> Post:
    post = Post.objects.filter(public_id=public_id).first()
    if post is None:
        raise Http404
    readable = perms.can_read(request.user, post)
    manager = perms.can_manage(request.user, post)
    if manage:
        core_perms.deny_outsider(readable or manager)
        core_perms.deny_read_only(manager)
    else:
        core_perms.deny_outsider(readable or manager)
    return post


@login_required
def post_list(request):
    core_perms.deny_outsider(perms.is_reader(request.user) or perms.can_publish(request.user))
    category = request.GET.get("category", "")
    rows = perms.visible_posts(request.user, Post.objects.all())
    if category in Category.values:
        rows = rows.filter(category=category)
    read = ReadReceipt.objects.filter(user_id=request.user.pk, post_id__in=rows.values("pk"))
    page = Paginator(rows.only("public_id", "title", "category", "published_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    read_ids = set(read.filter(post_id__in=[p.pk for p in page]).values_list("post_id", flat=True))
    for post in page:
        post.unread = post.pk not in read_ids
    mine = (
        Post.objects.filter(published_by=request.user).order_by("-published_at")[:20]
        if perms.can_publish(request.user)
        else []
    )
    return render(
        request,
        "board/list.html",
        {
            "page": page,
            "category": category,
            "categories": Category.choices,
            "can_publish": perms.can_publish(request.user),
            "mine": mine,
        },
    )


@login_required
def post_detail(request, public_id):
    post = _post_for(request, public_id)
    if perms.can_read(request.user, post):
        svc.mark_read(request.user, post)
    return render(
        request,
        "board/detail.html",
        {
            "post": post,
            "files": svc.attachments_of(post),
            "can_manage": perms.can_manage(request.user, post),
            "units": list(post.audience_units.all()),
        },
    )


@login_required
def post_create(request):
    core_perms.deny_outsider(perms.is_reader(request.user) or perms.can_publish(request.user))
    core_perms.deny_read_only(perms.can_publish(request.user))
    form = PostForm(request.POST if request.method == "POST" else None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                post = svc.publish_post(
                    request.user,
                    title=d["title"],
                    body=d["body"],
                    category=d["category"],
                    audience_units=list(d["audience_units"]),
                    attachments=[(f.read(), f.name) for f in d["files"]],
                )
            except (svc.BoardError, FileRejected) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "게시했습니다.")
                return redirect("board:detail", public_id=post.public_id)
    return render(request, "board/form.html", {"form": form}, status=status)


@login_required
@require_POST
def post_withdraw(request, public_id):
    post = _post_for(request, public_id, manage=True)
    try:
        svc.withdraw_post(request.user, post)
    except svc.BoardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "게시글을 내렸습니다.")
    return redirect("board:list")


@login_required
def post_receipts(request, public_id):
    post = _post_for(request, public_id, manage=True)
    rows = selectors.receipts_by_department(post)
    unit = request.GET.get("unit", "")
    unread = []
    if unit:
        unread = selectors.unread_people(post, unit)
        log_access(
            request.user,
            post,
            ["미열람 직원 성명", "소속"],
            request=request,
            count=len(unread),
            reason="게시글 읽음 확인",
        )
    total = {
        "staff": sum(r["staff"] for r in rows),
        "read": sum(r["read"] for r in rows),
    }
    return render(
        request,
        "board/receipts.html",
        {"post": post, "rows": rows, "total": total, "unread": unread, "unit": unit},
    )


def unread_badge(user) -> int:
    if not perms.is_reader(user):
        return 0
    return svc.unread_count(user)
