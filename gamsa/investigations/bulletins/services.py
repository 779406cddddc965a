"""Every write of the misconduct-case bulletins, each in one transaction with one Event.

Items and bulletins are written by the investigation team, trend reports by any official for their own department
(permissions.py decides; the services refuse what the pages refuse). Posting a bulletin publishes one staff-board
post (core.board.services.publish_post, category 비위 사례) with the bulletin as its source, so the read receipts are
the board's; card-news items travel with it as PDF and PNG files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from gamsa.core.board.cards import Card, card_pdf, card_png
from gamsa.core.board.models import Category
from gamsa.core.board.services import publish_post
from gamsa.core.calendar import now as legal_now
from gamsa.core.models import Attachment, OrgUnit, User
from gamsa.core.services import record_event, store_attachment, target_ref
from gamsa.investigations.bulletins import permissions as perms
from gamsa.investigations.bulletins.models import (
    Bulletin,
    BulletinItem,
    ItemKind,
    MisconductItem,
    Tag,
    TrendReport,
)

ITEM_FIELDS = ("kind", "title", "source", "published_on", "link", "summary", "allegation_type")
CARD_FIELDS = ("card_message", "card_actions")


class BulletinError(ValueError):
    """A write that cannot be done (Korean message)."""


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """'음주운전, #금품수수 갑질' → ['음주운전', '금품수수', '갑질'] (commas or spaces, '#' dropped, 30 letters at most)."""
    parts = text.replace(",", " ").split() if isinstance(text, str) else list(text)
    out: list[str] = []
    for part in parts:
        name = part.strip().lstrip("#").strip()[:30]
        if name and name not in out:
            out.append(name)
    return out


def _tags(names) -> list[Tag]:
    tags = []
    for name in parse_tags(names):
        tag, _ = Tag.objects.get_or_create(name=name)
        tags.append(tag)
    return tags


def _check_item(fields: dict) -> None:
    if fields.get("kind") not in ItemKind.values:
        raise BulletinError("비위 사례의 종류가 올바르지 않습니다.")
    if not (fields.get("title") or "").strip():
        raise BulletinError("제목을 입력하세요.")
    if not (fields.get("source") or "").strip():
        raise BulletinError("출처를 입력하세요.")
    if not isinstance(fields.get("published_on"), dt.date):
        raise BulletinError("보도·처분일을 입력하세요.")


# --- items -------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_item(actor: User, *, tags=(), departments: Iterable[OrgUnit] = (), **fields) -> MisconductItem:
    _refuse_unless(perms.can_manage(actor))
    _check_item(fields)
    values = {k: fields.get(k) for k in ITEM_FIELDS + CARD_FIELDS if k in fields}
    for key in ("title", "source", "link", "summary", "card_message", "card_actions"):
        if key in values:
            values[key] = (values[key] or "").strip()
    item = MisconductItem.objects.create(created_by=actor, **values)
    item.tags.set(_tags(tags))
    item.departments.set(list(departments))
    record_event(actor, "bulletins.item_created", item, kind=item.kind, tags=parse_tags(tags))
    return item


@transaction.atomic
def update_item(actor: User, item: MisconductItem, *, tags=(), departments=(), **fields) -> MisconductItem:
    _refuse_unless(perms.can_manage(actor))
    item = MisconductItem.objects.select_for_update().get(pk=item.pk)
    merged = {k: getattr(item, k) for k in ITEM_FIELDS} | fields
    _check_item(merged)
    changed = []
    for key in ITEM_FIELDS + CARD_FIELDS:
        if key not in fields:
            continue
        value = fields[key].strip() if isinstance(fields[key], str) else fields[key]
        if getattr(item, key) != value:
            setattr(item, key, value)
            changed.append(key)
    item.save()
    new_tags = {t.pk for t in _tags(tags)}
    if new_tags != set(item.tags.values_list("pk", flat=True)):
        item.tags.set(new_tags)
        changed.append("tags")
    new_units = {u.pk for u in departments}
    if new_units != set(item.departments.values_list("pk", flat=True)):
        item.departments.set(new_units)
        changed.append("departments")
    record_event(actor, "bulletins.item_updated", item, changed=changed)
    return item


def card_of(item: MisconductItem) -> Card:
    lines = lambda text: tuple(x.strip() for x in (text or "").splitlines() if x.strip())  # noqa: E731
    sections = []
    if lines(item.card_message or item.summary):
        sections.append(("무슨 일이 있었나요", lines(item.card_message or item.summary)))
    if lines(item.card_actions):
        sections.append(("이렇게 지켜요", tuple(f"· {x}" for x in lines(item.card_actions))))
    return Card(
        heading="비위 사례 카드뉴스",
        subheading=f"{item.source} · {item.published_on:%Y. %-m. %-d.}",
        title=item.title,
        sections=tuple(sections),
        footer="감사담당관 조사팀 · 비위 신고는 익명 신고창구 '청렴톡'으로",
    )


def card_files(item: MisconductItem):
    """The item's card-news files, newest first."""
    owner_type, owner_id, _ = target_ref(item)
    return Attachment.objects.filter(owner_type=owner_type, owner_id=owner_id).order_by("-uploaded_at", "-id")


def _stem(item: MisconductItem) -> str:
    return "".join(ch for ch in item.title if ch not in '\\/:*?"<>|').strip()[:40] or "비위사례카드뉴스"


@transaction.atomic
def make_card(actor: User, item: MisconductItem) -> list[Attachment]:
    """Render the item's card (PDF and PNG, core.board.cards) and keep both files with the item."""
    _refuse_unless(perms.can_manage(actor))
    if item.kind != ItemKind.CARD_NEWS:
        raise BulletinError("카드뉴스 종류의 비위 사례만 카드를 만들 수 있습니다.")
    card = card_of(item)
    stem = _stem(item)
    files = [
        store_attachment(actor, data=card_pdf(card), original_name=f"{stem}.pdf", owner=item),
        store_attachment(actor, data=card_png(card), original_name=f"{stem}.png", owner=item),
    ]
    record_event(actor, "bulletins.card_made", item)
    return files


# --- bulletins ---------------------------------------------------------------------------------------------------


def _check_bulletin(title: str, items: list) -> None:
    if not (title or "").strip():
        raise BulletinError("제목을 입력하세요.")
    if not items:
        raise BulletinError("비위 사례를 하나 이상 고르세요.")


def _set_items(bulletin: Bulletin, items: list[MisconductItem]) -> None:
    bulletin.entries.all().delete()
    BulletinItem.objects.bulk_create(
        BulletinItem(bulletin=bulletin, item=item, position=i) for i, item in enumerate(items, start=1)
    )


@transaction.atomic
def create_bulletin(
    actor: User, *, title: str, intro: str = "", items: Iterable[MisconductItem], audience_units=(), year=None
) -> Bulletin:
    _refuse_unless(perms.can_manage(actor))
    items = list(dict.fromkeys(items))
    _check_bulletin(title, items)
    year = year or legal_now().year
    # one numbering per year: lock the year's rows so two bulletins never take the same 호
    last = Bulletin.objects.select_for_update().filter(year=year).aggregate(n=Max("number"))["n"] or 0
    bulletin = Bulletin.objects.create(
        year=year, number=last + 1, title=title.strip(), intro=(intro or "").strip(), created_by=actor
    )
    bulletin.audience_units.set(list(audience_units))
    _set_items(bulletin, items)
    record_event(actor, "bulletins.created", bulletin, items=len(items))
    return bulletin


@transaction.atomic
def update_bulletin(
    actor: User, bulletin: Bulletin, *, title: str, intro: str, items, audience_units=()
) -> Bulletin:
    _refuse_unless(perms.can_manage(actor))
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_posted:
        raise BulletinError("이미 게시한 비위 사례 공유는 고칠 수 없습니다.")
    items = list(dict.fromkeys(items))
    _check_bulletin(title, items)
    bulletin.title, bulletin.intro = title.strip(), (intro or "").strip()
    bulletin.save(update_fields=["title", "intro"])
    bulletin.audience_units.set(list(audience_units))
    _set_items(bulletin, items)
    record_event(actor, "bulletins.updated", bulletin, items=len(items))
    return bulletin


def post_body(bulletin: Bulletin) -> str:
    """The board post's text: the intro, then each item with its kind, source, date and link."""
    lines = [bulletin.intro, ""] if bulletin.intro else []
    entries = bulletin.entries.select_related("item").order_by("position", "id")
    for n, entry in enumerate(entries, start=1):
        item = entry.item
        lines.append(f"{n}. [{item.get_kind_display()}] {item.title}")
        lines.append(f"   {item.source} · {item.published_on:%Y. %-m. %-d.}")
        if item.summary:
            lines.append(f"   {item.summary}")
        if item.link:
            lines.append(f"   {item.link}")
        lines.append("")
    lines.append("비위 의심 사항은 감사담당관 조사팀이나 익명 신고창구 '청렴톡'으로 알려 주세요.")
    return "\n".join(lines).strip()


@transaction.atomic
def post_bulletin(actor: User, bulletin: Bulletin, *, at: dt.datetime | None = None) -> Bulletin:
    """Publish the bulletin on the staff board (all staff, or its chosen units); card-news files go with it."""
    _refuse_unless(perms.can_manage(actor))
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_posted:
        raise BulletinError("이미 게시했습니다.")
    if not bulletin.entries.exists():
        raise BulletinError("비위 사례가 없는 비위 사례 공유는 게시할 수 없습니다.")
    attachments = []
    for entry in bulletin.entries.select_related("item").filter(item__kind=ItemKind.CARD_NEWS):
        seen = set()
        for file in card_files(entry.item):
            if file.kind in seen:
                continue  # the newest PDF and PNG of each card
            seen.add(file.kind)
            with file.file.open("rb") as handle:
                attachments.append((handle.read(), file.original_name))
    post = publish_post(
        actor,
        title=f"[비위 사례 공유] {bulletin.label} {bulletin.title}",
        body=post_body(bulletin),
        category=Category.MISCONDUCT,
        audience_units=list(bulletin.audience_units.all()),
        attachments=attachments,
        source=bulletin,
    )
    if at is not None:  # the demo posts its 2025 bulletins on their own dates
        type(post).objects.filter(pk=post.pk).update(published_at=at)
    bulletin.post = post
    bulletin.posted_at = at or post.published_at
    bulletin.save(update_fields=["post", "posted_at"])
    record_event(actor, "bulletins.posted", bulletin, post=str(post.public_id), files=len(attachments))
    return bulletin


# --- trend reports -----------------------------------------------------------------------------------------------


@transaction.atomic
def log_trend(
    actor: User,
    *,
    unit: OrgUnit,
    reported_on: dt.date,
    title: str,
    summary: str,
    tags=(),
    items: Iterable[MisconductItem] = (),
) -> TrendReport:
    _refuse_unless(perms.can_log_trends(actor))
    if unit is None or not perms.may_log_for(actor, unit):
        raise BulletinError("이 부서의 동향보고는 등록할 수 없습니다. 소속 부서를 고르세요.")
    if not (title or "").strip() or not (summary or "").strip():
        raise BulletinError("제목과 내용을 입력하세요.")
    if reported_on > legal_now().date():
        raise BulletinError("보고일은 오늘이나 그 전이어야 합니다.")
    report = TrendReport.objects.create(
        unit=unit, reported_on=reported_on, title=title.strip(), summary=summary.strip(), reported_by=actor
    )
    report.tags.set(_tags(tags))
    report.items.set(list(items))
    record_event(actor, "bulletins.trend_logged", report, unit=unit.name, tags=parse_tags(tags))
    return report
