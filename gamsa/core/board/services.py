"""Every write of the staff board, each in one transaction with one Event. The public API for other apps:

    publish_post(actor, title=..., body=..., category="integrity", audience_units=None, attachments=(), source=None)
    mark_read(actor, post)
    import_reads(actor, post, [(user_id, read_at), ...])

`audience_units` None (or empty) addresses every staff member; otherwise the given units and everything under
them. `attachments` are core Attachment rows (re-owned by the post) or (bytes, file name) pairs, checked by content
(core.services.store_attachment). `source` is the record the post came from (its public identifier is kept).
Callers check permissions (gamsa.core.board.permissions); these functions check the input.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from gamsa.core.board.models import Category, Post, ReadReceipt
from gamsa.core.board.permissions import visible_posts
from gamsa.core.models import Attachment, OrgUnit, User
from gamsa.core.services import record_event, store_attachment, target_ref

OWNER_TYPE = "board.post"


class BoardError(ValueError):
    """A post that cannot be published (Korean message)."""


@transaction.atomic
def publish_post(
    actor: User | None,
    *,
    title: str,
    body: str,
    category: str,
    audience_units: Iterable[OrgUnit] | None = None,
    attachments: Iterable = (),
    source=None,
) -> Post:
    title = (title or "").strip()
    if not title:
        raise BoardError("제목을 입력하세요.")
    if category not in Category.values:
        raise BoardError("게시글 분류가 올바르지 않습니다.")
    units = list(audience_units or ())
    source_type, source_id, _ = target_ref(source)
    post = Post.objects.create(
        title=title[:200],
        body=(body or "").strip(),
        category=category,
        audience_all=not units,
        published_by=actor if actor and actor.pk else None,
        published_at=timezone.now(),
        source_type=source_type,
        source_id=source_id,
    )
    if units:
        post.audience_units.set(units)
    files = 0
    for item in attachments or ():
        if isinstance(item, Attachment):
            Attachment.objects.filter(pk=item.pk).update(owner_type=OWNER_TYPE, owner_id=str(post.public_id))
        else:
            data, name = item
            store_attachment(actor, data=data, original_name=name, owner=post)
        files += 1
    record_event(
        actor,
        "board.published",
        post,
        category=category,
        audience="all" if not units else [u.name for u in units],
        files=files,
        source=source_id,
    )
    return post


def attachments_of(post: Post):
    return Attachment.objects.filter(owner_type=OWNER_TYPE, owner_id=str(post.public_id)).order_by(
        "uploaded_at"
    )


def mark_read(actor: User, post: Post) -> ReadReceipt | None:
    """Record the first reading of `post` by `actor` (later readings change nothing). None for a non-reader."""
    if not actor.is_authenticated:
        return None
    existing = ReadReceipt.objects.filter(post=post, user=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            receipt = ReadReceipt.objects.create(post=post, user=actor, read_at=timezone.now())
            record_event(actor, "board.read", post)
    except IntegrityError:  # the same person opened it twice at once
        return ReadReceipt.objects.filter(post=post, user=actor).first()
    return receipt


@transaction.atomic
def import_reads(actor: User | None, post: Post, reads: Iterable[tuple[int, object]]) -> int:
    """Read receipts brought in from elsewhere (a former groupware board, the demo): (user id, read_at) pairs, first
    readings only (a person who already has a receipt keeps it). One Event for the batch. Returns how many were new."""
    have = set(ReadReceipt.objects.filter(post=post).values_list("user_id", flat=True))
    rows = [ReadReceipt(post=post, user_id=uid, read_at=at) for uid, at in reads if uid not in have]
    ReadReceipt.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    record_event(actor, "board.reads_imported", post, count=len(rows))
    return len(rows)


@transaction.atomic
def withdraw_post(actor: User, post: Post) -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.withdrawn_at is not None:
        raise BoardError("이미 내린 게시글입니다.")
    post.withdrawn_at = timezone.now()
    post.save(update_fields=["withdrawn_at"])
    record_event(actor, "board.withdrawn", post)
    return post


def unread_count(user: User) -> int:
    """Posts addressed to `user` that they have not opened (the number beside 직원 게시판 in the menu)."""
    return (
        visible_posts(user, Post.objects.all())
        .exclude(pk__in=ReadReceipt.objects.filter(user_id=user.pk).values("post_id"))
        .count()
    )
