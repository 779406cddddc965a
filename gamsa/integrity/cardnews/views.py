"""Integrity card news: write it, and it is made as PDF and PNG and posted to the staff board."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gamsa.core import permissions as core_perms
from gamsa.core.board.forms import UnitsField
from gamsa.core.board.models import Post
from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind
from gamsa.integrity import permissions as perms
from gamsa.integrity.cardnews.services import publish_card


class CardForm(KrdsForm):
    title = forms.CharField(label="제목", max_length=80)
    subheading = forms.CharField(label="머리 문구", max_length=40, required=False, initial="청렴한 영등포")
    message = forms.CharField(
        label="알려 드립니다 (한 줄에 한 문장)", widget=forms.Textarea(attrs={"rows": 4})
    )
    actions = forms.CharField(
        label="이렇게 실천해요 (한 줄에 하나)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    audience_units = UnitsField(
        label="받는 부서",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="고르지 않으면 전 직원에게 게시합니다.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_units"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[UnitKind.BUREAU, UnitKind.DEPARTMENT, UnitKind.DONG]
        ).order_by("path")


@login_required
def cardnews(request):
    core_perms.deny_outsider(perms.can_use_office(request.user))
    form = CardForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_edit(request.user))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            post = publish_card(
                request.user,
                title=d["title"],
                subheading=d["subheading"],
                message=d["message"],
                actions=d["actions"],
                audience_units=list(d["audience_units"]),
            )
            messages.success(request, "카드뉴스를 만들어 직원 게시판에 게시했습니다.")
            return redirect("board:detail", public_id=post.public_id)
    posted = Post.objects.filter(category="integrity", title__startswith="[청렴 카드뉴스]")[:20]
    return render(
        request,
        "integrity/cardnews/form.html",
        {"form": form, "posted": posted, "can_edit": perms.can_edit(request.user)},
        status=status,
    )
