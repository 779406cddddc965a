"""Human-rights card news over HTTP: the team writes it, it is made as PDF and PNG with the text it was given and
posted to the staff board in the 인권 category, and a staff member's reading leaves a read receipt."""

from __future__ import annotations

import io

import pytest

from gamsa.core.board.models import Post, ReadReceipt
from gamsa.core.board.services import attachments_of
from gamsa.humanrights.tests.helpers import planted

pytestmark = pytest.mark.django_db


def test_the_team_posts_a_card_and_staff_read_it(login, settings, tmp_path):
    from pypdf import PdfReader

    settings.MEDIA_ROOT = tmp_path
    planted()
    client = login("investigator")
    page = client.get("/humanrights/cardnews/")
    assert page.status_code == 200 and "인권 카드뉴스" in page.content.decode()
    missing = client.post("/humanrights/cardnews/", {"title": "차별 없는 호칭", "message": ""})
    assert missing.status_code == 400 and "차별 없는 호칭" in missing.content.decode()
    assert not Post.objects.filter(category="human_rights").exists()

    message = "직위 대신 이름과 존칭으로 불러 주세요.\n외모·나이·성별을 들어 말하지 않아요."
    response = client.post(
        "/humanrights/cardnews/",
        {
            "title": "차별 없는 호칭",
            "subheading": "2026 인권주간",
            "message": message,
            "actions": "○○님이라고 부르기",
        },
    )
    post = Post.objects.get(category="human_rights")
    assert response.status_code == 302 and response["Location"] == f"/board/{post.public_id}/"
    assert post.title == "[인권 카드뉴스] 차별 없는 호칭" and post.audience_all
    files = {a.kind: a for a in attachments_of(post)}
    assert set(files) == {"pdf", "png"}
    with files["pdf"].file.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    for expected in (
        "인권 카드뉴스",
        "2026 인권주간",
        "차별 없는 호칭",
        "직위 대신 이름과 존칭으로 불러 주세요.",
        "· ○○님이라고 부르기",
    ):
        assert expected in text
    with files["png"].file.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"

    assert f"/board/{post.public_id}/" in client.get("/humanrights/cardnews/").content.decode()

    reader = login("liaison")
    assert "차별 없는 호칭" in reader.get("/board/").content.decode()
    assert reader.get(f"/board/{post.public_id}/").status_code == 200
    assert ReadReceipt.objects.filter(post=post, user__username="liaison").count() == 1
