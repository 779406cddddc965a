"""/api/v1/investigations/bulletins: the bulletins with their items and read rate, for the investigation team and
the office head (everyone else 404, like the pages)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import Count
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.core.paging import BoundedPagination
from gamsa.core.permissions import acting_user
from gamsa.investigations.bulletins import permissions as perms
from gamsa.investigations.bulletins import selectors
from gamsa.investigations.bulletins.models import Bulletin

router = Router(tags=["investigations"])


class MisconductBulletinRow(Schema):
    public_id: uuid.UUID
    year: int
    number: int
    title: str
    item_count: int
    posted_at: dt.datetime | None


class MisconductItemOut(Schema):
    public_id: uuid.UUID
    kind: str
    title: str
    source: str
    published_on: dt.date
    link: str
    tags: list[str]
    departments: list[str]


class MisconductBulletinReadRate(Schema):
    staff: int
    read: int
    rate: float


class MisconductBulletinOut(MisconductBulletinRow):
    intro: str
    board_post: uuid.UUID | None
    read_rate: MisconductBulletinReadRate | None
    item_list: list[MisconductItemOut]


def _refuse_outsiders(request):
    user = acting_user(request)
    if not perms.can_read(user):
        raise HttpError(404, "찾을 수 없습니다.")
    return user


@router.get(
    "/investigations/bulletins",
    response=list[MisconductBulletinRow],
    auth=SIGNED_IN_AUTH,
    summary="비위 사례 공유 목록",
)
@paginate(BoundedPagination)
def bulletins(request, year: int | None = None, **kwargs):
    _refuse_outsiders(request)
    rows = Bulletin.objects.annotate(item_count=Count("entries")).order_by("-year", "-number")
    if year is not None:
        rows = rows.filter(year=year)
    return rows.values("public_id", "year", "number", "title", "item_count", "posted_at")


@router.get(
    "/investigations/bulletins/{public_id}",
    response=MisconductBulletinOut,
    auth=SIGNED_IN_AUTH,
    summary="비위 사례 공유",
)
def bulletin(request, public_id: uuid.UUID):
    _refuse_outsiders(request)
    found = Bulletin.objects.filter(public_id=public_id).select_related("post").first()
    if found is None:
        raise HttpError(404, "찾을 수 없습니다.")
    entries = found.entries.select_related("item").prefetch_related("item__tags", "item__departments")
    rate = selectors.overall_rates([found]).get(found.pk)
    return {
        "public_id": found.public_id,
        "year": found.year,
        "number": found.number,
        "title": found.title,
        "item_count": len(entries),
        "posted_at": found.posted_at,
        "intro": found.intro,
        "board_post": found.post.public_id if found.post else None,
        "read_rate": rate,
        "item_list": [
            {
                "public_id": e.item.public_id,
                "kind": e.item.kind,
                "title": e.item.title,
                "source": e.item.source,
                "published_on": e.item.published_on,
                "link": e.item.link,
                "tags": [t.name for t in e.item.tags.all()],
                "departments": [u.name for u in e.item.departments.all()],
            }
            for e in entries
        ],
    }
