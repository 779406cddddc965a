"""Disclosure: the public page masks names; card news PNG is drawn with the vendored font."""

import datetime as dt

import pytest
from PIL import Image

from gamsa.audits import cardnews
from gamsa.audits.redaction import mask_name, redact
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, unit, user

pytestmark = pytest.mark.django_db


def published():
    e = engagement(state="resulting", start=dt.date(2026, 6, 15))
    shown = finding_with(e, person="김민준")
    fsvc.record_finding(
        user("leader"),
        e,
        title="감사 중인 별건",
        condition="수사 중인 사항",
        unit=unit("건설과"),
        is_public=False,
        nondisclosure_reason="수사 중인 사항 (정보공개법 제9조①제4호)",
    )
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 8, 3))
    svc.publish(user("leader"), e, summary="김민준 주무관 관련 분할 집행 1건을 시정 요구했습니다.")
    return e, shown


def test_mask_and_redact():
    assert mask_name("김민준") == "김○○"
    text = redact("건설과 주무관 이서연이 집행하고 박도윤 팀장이 결재. 010-1234-5678", [])
    assert "이서연" not in text and "박도윤" not in text and "010-1234-5678" not in text
    assert "건설과" in text


def test_public_page_needs_no_login_and_masks_names(client, demo):
    e, finding = published()
    listing = client.get("/audits/public/")
    assert listing.status_code == 200 and e.title in listing.content.decode()
    page = client.get(f"/audits/public/{e.case_number}/").content.decode()
    assert "김민준" not in page and "010-1234-5678" not in page
    assert "김○○" in page and finding.title in page and "1,250,000원" in page
    assert "감사 중인 별건" not in page and "정보공개법 제9조①제4호" in page


def test_unpublished_engagement_is_not_public(client, demo):
    e = engagement(state="fieldwork")
    assert client.get(f"/audits/public/{e.case_number}/").status_code == 404


def test_card_news_png(client, login, demo):
    """The PDF's text and the job that makes it: test_cardnews_pdf.py."""
    _, finding = published()
    png = cardnews.render_png(finding)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    import io

    image = Image.open(io.BytesIO(png))
    assert image.size == (1080, 1350)
    # Korean glyphs were drawn: the title area holds dark pixels, not only the white background.
    crop = image.crop((70, 270, 1010, 330)).convert("L")
    assert crop.getextrema()[0] < 100
    login("auditor")
    response = client.get(f"/audits/findings/{finding.public_id}/card.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.logout()
    login("liaison")
    assert client.get(f"/audits/findings/{finding.public_id}/card.png").status_code == 404


def test_card_news_text_is_masked(demo):
    _, finding = published()
    card = cardnews.card_context(finding)
    assert "김민준" not in card["condition"] and card["responsible"] == "김○○"


def test_front_door_lists_the_latest_published_results(client, demo):
    e, _ = published()
    html = client.get("/").content.decode()
    section = html[html.index('data-testid="highlight-audits"') :]
    assert "최근 공개된 감사결과" in section and e.title in section
    assert f'href="/audits/public/{e.case_number}/"' in section and 'href="/audits/public/"' in section


def test_public_results_sort_by_their_columns_and_show_their_status(client, demo):
    first, _ = published()
    second = engagement(state="resulting", start=dt.date(2026, 7, 1), title="가나다 복무감사")
    svc.notify_result(user("leader"), second, notified_at=moment(2026, 8, 10))
    svc.publish(user("leader"), second, summary="요약", published_on=dt.date(2026, 8, 20))
    type(first).objects.filter(pk=first.pk).update(published_on=dt.date(2026, 8, 5))

    def listing(query):
        html = client.get("/audits/public/" + query).content.decode()
        return html[html.index('data-testid="public-results"') :]

    table = listing("")
    assert table.index(second.title) < table.index(first.title)  # newest first by default
    assert 'aria-sort="descending"' in table and "처분 이행 중" in table  # the status column is there
    table = listing("?sort=published")
    assert table.index(first.title) < table.index(second.title)
    table = listing("?sort=title")
    assert table.index(second.title) < table.index(first.title)  # 가나다 … before 도로 …
    table = listing("?sort=published_on")  # a field name, not an offered key: the default order
    assert table.index(second.title) < table.index(first.title)
