"""The staff board (gamsa.core.board): publish_post to all staff or chosen units (their teams included), the
read receipt on opening, the unread count in the menu, receipts by department, attachments by the post's rule."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from gamsa.core.board import services as svc
from gamsa.core.board.models import ReadReceipt
from gamsa.core.board.permissions import can_read
from gamsa.core.models import AccessLog, Event
from gamsa.integrity.tests.helpers import staff, unit, user


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


def test_publish_to_a_department_reaches_it_and_its_teams_only(demo, isolated_settings):
    post = svc.publish_post(
        user("leader"),
        title="건설과 공지",
        body="내용",
        category="integrity",
        audience_units=[unit("건설과")],
        attachments=[(png(), "카드.png")],
        source=user("leader"),
    )
    assert can_read(user("liaison"), post) and can_read(user("depthead"), post)
    assert not can_read(user("patrol"), post) and not can_read(user("council"), post)
    assert svc.attachments_of(post).count() == 1
    assert Event.objects.filter(verb="board.published").count() == 1
    with pytest.raises(svc.BoardError):
        svc.publish_post(user("leader"), title="", body="", category="notice")
    with pytest.raises(svc.BoardError):
        svc.publish_post(user("leader"), title="t", body="", category="nonsense")


def test_opening_a_post_is_the_receipt_and_the_menu_count_drops(client, as_user, demo, isolated_settings):
    post = svc.publish_post(user("leader"), title="전 직원 공지", body="읽어 주세요", category="notice")
    svc.publish_post(user("leader"), title="두 번째", body="", category="notice")
    as_user("liaison")
    home = client.get("/").content.decode()
    assert 'data-testid="menu-badge"' in home and ">2<" in home.split('data-testid="menu-badge"')[1][:120]
    assert client.get(f"/board/{post.public_id}/").status_code == 200
    client.get(f"/board/{post.public_id}/")
    assert ReadReceipt.objects.filter(post=post, user=user("liaison")).count() == 1
    assert Event.objects.filter(verb="board.read").count() == 1
    home = client.get("/").content.decode()
    assert ">1<" in home.split('data-testid="menu-badge"')[1][:120]
    assert svc.unread_count(user("liaison")) == 1


def test_receipts_by_department_and_unread_names_are_logged(client, as_user, demo, isolated_settings):
    people = staff(3, "건설과")
    post = svc.publish_post(user("leader"), title="공지", body="", category="notice")
    svc.mark_read(people[0], post)
    as_user("leader")
    body = client.get(f"/board/{post.public_id}/receipts/").content.decode()
    assert "건설과" in body
    construction = unit("건설과")
    body = client.get(f"/board/{post.public_id}/receipts/?unit={construction.public_id}").content.decode()
    names = body.split('data-testid="unread-people"')[1].split("</ul>")[0]
    assert people[1].full_name in names and people[0].full_name not in names
    assert AccessLog.objects.filter(target_type="board.post").count() == 1


def test_attachment_follows_the_post(client, as_user, demo, isolated_settings):
    post = svc.publish_post(
        user("leader"),
        title="순찰팀만",
        body="",
        category="notice",
        audience_units=[unit("순찰팀")],
        attachments=[(png(), "a.png")],
    )
    file = svc.attachments_of(post).get()
    as_user("patrol")
    assert client.get(f"/files/{file.public_id}/").status_code == 200
    as_user("liaison")
    assert client.get(f"/files/{file.public_id}/").status_code == 404


def test_withdrawn_post_is_gone_for_readers(demo):
    post = svc.publish_post(user("leader"), title="공지", body="", category="notice")
    svc.withdraw_post(user("leader"), post)
    post.refresh_from_db()
    assert not can_read(user("liaison"), post)
    with pytest.raises(svc.BoardError):
        svc.withdraw_post(user("leader"), post)
