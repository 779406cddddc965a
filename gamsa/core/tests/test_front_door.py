"""`/` is the residents' front door without a session and the official's desk with one; every page carries the
official-site banner and the district's footer; the privacy policy and site guide are public."""

from __future__ import annotations

import pytest

from gamsa.core import site
from gamsa.core.models import Agency, User
from gamsa.core.site import css_string

pytestmark = pytest.mark.django_db

BANNER = "이 누리집은 대한민국 공식 전자정부 누리집입니다."


def test_anonymous_visitor_gets_the_front_door_not_the_login(client, demo):
    response = client.get("/")
    assert response.status_code == 200  # not a redirect to /login/
    html = response.content.decode()
    assert 'data-testid="front-door"' in html and "영등포구청 감사담당관" in html
    for href in ("/minwon/", "/minwon/status/", "/cheongwon/", "/hotline/", "/audits/public/"):
        assert f'href="{href}"' in html, href
    assert (
        'href="/hotline/" rel="noreferrer"' in html
    )  # the anonymous channel is not told where the visitor came from
    assert 'href="/login/"' in html  # staff still find their way in
    assert '<h2 class="gamsa-page-title">내 업무</h2>' not in html and "기한 지남" not in html  # no desk
    assert BANNER in html


def test_signed_in_users_still_get_their_desk(client, login):
    login("auditor")
    html = client.get("/").content.decode()
    assert (
        '<h2 class="gamsa-page-title">내 업무</h2>' in html
        and "기한 지남" in html
        and 'data-testid="front-door"' not in html
    )
    client.logout()
    client.force_login(
        User.objects.get(username="citizen")
    )  # a resident with an account: the desk, as before
    html = client.get("/").content.decode()
    assert "내 업무" in html and 'data-testid="front-door"' not in html


def test_staff_without_the_second_factor_go_to_it_not_to_the_front_door(client, demo):
    client.force_login(User.objects.get(username="auditor"))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/otp/")


def test_every_page_has_the_banner_and_the_districts_footer(client, demo):
    for url in ("/", "/login/", "/privacy/", "/about/", "/audits/public/"):
        html = client.get(url).content.decode()
        assert BANNER in html, url
        footer = html[html.index('<footer id="krds-footer">') :]
        assert "서울특별시 영등포구 당산로 123" in footer and "02-2670-3114" in footer, url
        assert "감사담당관 02-2670-3041" in footer, url
        assert 'href="/privacy/" class="point">개인정보처리방침</a>' in footer
        assert 'href="/about/">누리집 안내</a>' in footer
        assert "gamsa/css/print.css" in html


def test_the_footer_follows_the_district_record_at_once_after_the_admin_saves_it(client, login, demo):
    assert "02-2670-3114" in client.get("/").content.decode()  # now remembered for five minutes
    agency = Agency.objects.get(code="3180000")
    login("admin")
    response = client.post(
        f"/admin/core/agency/{agency.pk}/change/",
        {
            "name": agency.name,
            "code": agency.code,
            "open311_jurisdiction_id": agency.open311_jurisdiction_id,
            "address": "서울특별시 영등포구 당산로 999",
            "phone": "02-2670-0000",
        },
    )
    assert response.status_code == 302
    client.logout()
    footer = client.get("/").content.decode().split('<footer id="krds-footer">')[1]
    assert "당산로 999" in footer and "02-2670-0000" in footer and "02-2670-3114" not in footer


def test_privacy_policy_states_items_purposes_retention_and_rights(client, demo, settings):
    settings.GAMSA_ACCESS_LOG_RETENTION_DAYS = 1095
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "처리하는 개인정보와 목적",
        "보유 기간과 파기",
        "제3자 제공과 처리 위탁",
        "정보주체의 권리",
        "안전성 확보조치",
        "개인정보 보호책임자",
    ):
        assert heading in html, heading
    # what the system really stores, and what it does not
    assert "성명, 휴대전화 번호, 주소, 민원 내용" in html and "주민등록번호는 받지 않으며" in html
    assert "청렴톡은 접속 주소와 브라우저 정보를 어디에도 기록하지 않습니다" in html
    assert "1095일(3년) 이상" in html  # the configured access-log retention, not a number typed into the page
    assert "제35조" in html and "제36조" in html and "제37조" in html
    assert "02-2670-3041" in html


def test_site_guide_is_public(client, demo):
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "누리집 안내" in html and "좌우로 밀어 보기" in html and "/privacy/" in html


def test_the_printed_foot_names_the_office_and_nothing_can_escape_the_css_string(demo):
    site.forget()
    rule = site.district().print_css
    assert rule == '@page { @bottom-left { content: "영등포구청 감사담당관"; } }'
    hostile = css_string('감사"; } body { display:none } </style><script>')
    assert '"' not in hostile[1:-1] and "<" not in hostile and "}" not in hostile and ";" not in hostile
    assert hostile.startswith('"감사\\22 ')


def test_an_installation_without_its_district_yet_still_names_the_office():
    assert site.District().letterhead == "감사담당관"
    assert site.District(name="서울특별시 영등포구").letterhead == "서울특별시 영등포구 감사담당관"
