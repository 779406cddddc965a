"""The retiree's 취업제한 guidance as a one-page card (PDF to print or attach to a letter or e-mail, PNG for a
messenger), made from the restriction record with the board's card news (core/board/cards.py).

Two cards: before leaving (`guidance`: the 3-year window and the 30-day-before application, 공직자윤리법 제17조·
제18조) and near the end (`ending`: the window closes on …). The retiree has left the district's network, so the
ethics officer sends it by post or e-mail and records the sending on the restriction page (`record_guidance`,
`record_reminder`)."""

from __future__ import annotations

from gamsa.core.board.cards import Card
from gamsa.core.site import district
from gamsa.core.templatetags.krfmt import kdate
from gamsa.ethics.restrictions.models import Restriction

KINDS = {"guidance": "취업제한 안내", "ending": "취업제한 종료 안내"}


def _footer() -> str:
    site = district()
    phone = site.office_phone or site.phone
    return " · ".join(x for x in (site.letterhead, "공직윤리 담당", phone and f"전화 {phone}") if x)


def restriction_card(restriction: Restriction, kind: str) -> Card:
    person = restriction.declarant
    period = f"{kdate(restriction.retired_on)} ~ {kdate(restriction.ends_on)}"
    if kind == "ending":
        return Card(
            heading="퇴직공직자 취업제한 종료 안내",
            subheading="영등포구 공직자윤리위원회",
            title=f"{person.name} 님의 취업제한 기간이 {kdate(restriction.ends_on)}에 끝납니다",
            sections=(
                ("알려 드립니다", (f"취업제한 기간: {period} (퇴직일부터 3년, 공직자윤리법 제17조①)",
                                   "기간이 끝나기 전에 취업제한기관에 취업하려면 지금도 취업심사를 받아야 합니다.")),
                ("이렇게 하세요", ("· 취업 예정일 30일 전까지 취업심사(확인) 신청",
                                   "· 기간이 끝난 뒤의 취업은 심사가 필요 없습니다")),
            ),
            footer=_footer(),
        )  # fmt: skip
    return Card(
        heading="퇴직공직자 취업제한 안내",
        subheading="영등포구 공직자윤리위원회",
        title=f"{person.name} 님, 퇴직 후 3년간 취업이 제한됩니다",
        sections=(
            ("알려 드립니다", (f"취업제한 기간: {period} (공직자윤리법 제17조①)",
                               "퇴직 전 5년간 소속 부서의 업무와 밀접한 기관에는 심사 없이 취업할 수 없습니다.")),
            ("이렇게 하세요", ("· 취업 예정일 30일 전까지 취업심사(확인) 신청 (영 제33조의2)",
                               "· 심사 없이 취업하면 해임 요구와 과태료 대상이 됩니다 (법 제19조·제30조)")),
        ),
        footer=_footer(),
    )  # fmt: skip
