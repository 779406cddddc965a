"""The public front door (`/` without a session): what a resident can do here without an account.

The services are named by their URL names; one whose app is not installed (its URL does not resolve) is left out.
Apps may add a short list of recent public items beside them (`register_highlights`), e.g. the latest published
audit results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Service:
    code: str
    title: str
    text: str
    url_name: str
    action: str
    note: str = ""


SERVICES = (
    Service(
        "grievance",
        "고충민원 신청",
        "행정기관의 위법·부당하거나 소극적인 처분으로 불편을 겪으셨다면 알려 주세요. 로그인하지 않아도 "
        "신청할 수 있고, 근무일 7일 안에 처리합니다.",
        "complaints_public:new",
        "민원 신청하기",
    ),
    Service(
        "status",
        "민원 처리상황 조회",
        "신청할 때 받은 접수번호와 확인번호, 휴대전화 끝 4자리로 처리 상황과 답변을 봅니다.",
        "complaints_public:status",
        "처리상황 조회하기",
    ),
    Service(
        "petition",
        "청원",
        "피해 구제, 공무원의 위법·부당한 행위 시정, 조례·규칙과 제도 개선에 관한 의견을 청원할 수 있습니다. "
        "접수일부터 90일 안에 처리결과를 알려 드립니다(청원법 제21조).",
        "petitions_public:new",
        "청원하기",
    ),
    Service(
        "hotline",
        "청렴톡 익명 신고",
        "갑질, 금품·향응, 청탁, 예산 낭비, 성비위 등 공직자의 부패·비위를 이름을 밝히지 않고 신고합니다. "
        "접속 주소(IP)와 브라우저 정보는 남기지 않습니다.",
        "hotline:landing",
        "익명으로 신고하기",
        note="사무실 컴퓨터나 구청 내부망이 아닌 개인 휴대전화로 접속하는 것이 가장 안전합니다.",
    ),
    Service(
        "audits",
        "감사결과 공개",
        "구가 실시한 자체감사의 결과를 공개합니다(공공감사에 관한 법률 제26조). 개인의 이름 등 개인정보는 가렸습니다.",
        "audits:public_list",
        "감사결과 보기",
    ),
)


@dataclass(frozen=True)
class Highlight:
    """A short list of recent public items (title, address, date) under a heading, with a link to the whole list."""

    code: str
    title: str
    items: list = field(default_factory=list)  # (label, url, date)
    more_url: str = ""
    empty: str = ""


_HIGHLIGHTS: list[Callable[[], Iterable[Highlight]]] = []


def register_highlights(provider: Callable[[], Iterable[Highlight]]) -> None:
    if provider not in _HIGHLIGHTS:
        _HIGHLIGHTS.append(provider)


def services() -> list[tuple[Service, str]]:
    found = []
    for service in SERVICES:
        try:
            found.append((service, reverse(service.url_name)))
        except NoReverseMatch:
            continue
    return found


def highlights() -> list[Highlight]:
    return [item for provider in _HIGHLIGHTS for item in provider()]
