"""How the bulletins plug into core: menu entries, 내 업무 (bulletins not yet read), the card-news file rule, event
labels and the demo (run late: its read receipts need every staff account of the district)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core import demo as core_demo
from gamsa.core import nav, verbs, work
from gamsa.core import permissions as core_perms
from gamsa.investigations.bulletins import permissions as perms

nav.register("investigation", "비위 사례 공유", "bulletins:list", perms.can_read, order=30)
nav.register("investigation", "비위 사례", "bulletins:items", perms.can_read, order=31)
nav.register("board", "동향보고", "bulletins:trends", perms.can_see_trends, order=20)
core_perms.register_attachment_rule("investigations.misconductitem", perms.can_download_card)

verbs.register(
    {
        "bulletins.item_created": "비위 사례 등록",
        "bulletins.item_updated": "비위 사례 수정",
        "bulletins.card_made": "비위 사례 카드뉴스 제작",
        "bulletins.created": "비위 사례 공유 작성",
        "bulletins.updated": "비위 사례 공유 수정",
        "bulletins.posted": "비위 사례 공유 게시",
        "bulletins.trend_logged": "동향보고 등록",
    }
)

UNREAD_DAYS = 60  # a bulletin stays on the desk for two months until it is read


def unread_bulletins(user, now):
    """Bulletins of the last two months posted to the user that they have not opened yet (on the board)."""
    from gamsa.core.board import permissions as board_perms
    from gamsa.core.board.models import Category, Post, ReadReceipt

    if not board_perms.is_reader(user):
        return []
    posts = (
        board_perms.visible_posts(
            user,
            Post.objects.filter(
                category=Category.MISCONDUCT, published_at__gte=now - dt.timedelta(days=UNREAD_DAYS)
            ),
        )
        .exclude(pk__in=ReadReceipt.objects.filter(user_id=user.pk).values("post_id"))
        .order_by("-published_at")[:5]
    )
    return [
        work.WorkItem(
            title=post.title,
            url=reverse("board:detail", args=[post.public_id]),
            kind_label="비위 사례 공유",
            status_label="읽지 않음",
            assigned_to_me=True,
        )
        for post in posts
    ]


work.register_provider(unread_bulletins)


def _demo():
    from gamsa.investigations.bulletins.demo import load

    load()


core_demo.LATE_DEMO_HOOKS.append(_demo)
