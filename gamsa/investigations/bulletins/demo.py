"""Demo bulletins in the shape of the 2025 yearly report: 18 bulletins posted to all staff sharing 332 items (press
reports, other bodies' disciplinary cases, card news), read receipts for 55–92 % of the staff, departments' trend
reports; and in the current year one bulletin posted a week ago that the demo logins have not read (내 업무), one
draft and a few items not yet bundled. Titles are typical; bodies and places are fictional.

Idempotent: nothing is added once the 2025 bulletins exist. Runs after the other apps' demos (core's
LATE_DEMO_HOOKS), when the district's 1,704 staff accounts exist.
"""

from __future__ import annotations

import datetime as dt
import random

from gamsa.core.board.services import import_reads
from gamsa.core.calendar import SEOUL, now
from gamsa.core.models import OrgUnit, User, UserKind
from gamsa.investigations.bulletins import services as svc
from gamsa.investigations.bulletins.models import Bulletin, ItemKind, TrendReport
from gamsa.investigations.models import AllegationType
from gamsa.investigations.seeds import seed_allegation_types

YEAR = 2025
BULLETINS = 18
ITEMS = 332
DEMO_LOGINS = {"head", "leader", "auditor", "investigator", "ethics", "complaints", "patrol", "liaison"}
DEMO_LOGINS |= {"teamlead", "depthead", "admin"}

# allegation code → (tag, press headlines, disciplinary cases, card-news titles, departments it often concerns)
THEMES = {
    "drunk_driving": (
        "음주운전",
        [
            "{place} 공무원 음주운전 적발…혈중알코올농도 면허 취소 수준",
            "{place} 7급 공무원 음주 교통사고 후 도주 혐의 입건",
            "출근길 숙취 운전 {place} 직원 경찰에 적발",
            "{place} 간부 공무원 음주운전 2회…직위해제",
        ],
        [
            "음주운전 2회 적발 공무원 해임 처분",
            "혈중알코올농도 0.08% 이상 음주운전 — 정직 2개월",
            "음주운전 사실 미통보 — 감봉 1개월 가중",
            "음주 측정 거부 공무원 강등 처분",
        ],
        ["음주운전, 한 잔도 안 됩니다", "연말연시 음주운전 징계 기준 바로 알기"],
        ["교통행정과", "주차관리과", "총무과"],
    ),
    "bribery": (
        "금품수수",
        [
            "{place} 6급 공무원 공사 업체서 금품 수수 혐의 구속",
            "인허가 대가로 상품권 받은 {place} 공무원 송치",
            "{place} 공무원 직무 관련 업체에 골프 접대 받아",
            "{place} 계약 담당자 업체 편의 봐주고 뒷돈 수수 의혹",
        ],
        [
            "직무관련자로부터 향응 수수 — 정직 3개월, 징계부가금 2배",
            "인허가 관련 금품 수수 — 파면",
            "명절 선물 명목 상품권 수수 — 감봉 3개월",
            "공사 감독 공무원 업체 접대 — 해임",
        ],
        ["명절 선물, 주지도 받지도 않아요", "청탁금지법 선물 가액 기준 Q&A"],
        ["건설과", "건축과", "도로과", "재산관리과"],
    ),
    "embezzlement": (
        "공금횡령",
        [
            "{place} 공무원 복지급여 수억원 횡령…징역형",
            "보조금 빼돌린 {place} 직원 검찰 송치",
            "{place} 업무추진비 사적 사용 적발",
        ],
        [
            "허위 출장으로 여비 부당 수령 — 감봉 2개월, 환수",
            "보조금 유용 — 해임, 징계부가금 3배",
            "업무추진비 사적 사용 — 견책, 회수",
        ],
        ["공금은 1원도 사적으로 쓰지 않아요"],
        ["복지정책과", "사회복지과", "기획예산과"],
    ),
    "abuse_of_power": (
        "갑질",
        [
            "{place} 팀장 부하 직원 갑질 의혹…감사 착수",
            "폭언·사적 심부름 {place} 간부 직위해제",
            "{place} 공무원, 민간업체에 부당 요구 논란",
        ],
        [
            "부하 직원에게 폭언·사적 심부름 — 강등",
            "산하기관 직원에 대한 부당 업무 지시 — 정직 1개월",
            "업체에 대한 우월적 지위 이용 부당 요구 — 감봉 1개월",
        ],
        ["갑질 없는 상호존중 직장 만들기", "이런 것도 갑질인가요? 판단 기준 안내"],
        [],
    ),
    "sexual": (
        "성비위",
        [
            "{place} 공무원 회식 자리 성희롱…직위해제",
            "{place} 간부 불법촬영 혐의 입건",
        ],
        [
            "동료 직원 성희롱 — 정직 3개월",
            "회식 후 강제추행 — 해임",
            "성희롱 피해 신고 묵살한 관리자 — 견책",
        ],
        ["성희롱·성폭력 예방, 이렇게 대처해요"],
        [],
    ),
    "service_breach": (
        "복무위반",
        [
            "{place} 공무원 근무시간 중 무단 이탈 적발",
            "초과근무수당 부정 수령 {place} 공무원 무더기 적발",
            "{place} 직원 겸직 허가 없이 영리 활동",
        ],
        [
            "초과근무수당 부정 수령 — 감봉 1개월, 2배 환수",
            "허가 없는 겸직 — 견책",
            "근무지 무단 이탈 — 불문경고",
        ],
        ["초과근무, 정직하게 기록해요"],
        ["총무과", "자치행정과"],
    ),
    "neglect": (
        "직무태만",
        [
            "{place} 인허가 처리 지연으로 민원인 피해",
            "{place} 위생 점검 소홀…감사 지적",
        ],
        [
            "인허가 처리 지연·부당 반려 — 견책",
            "불법 건축물 단속 소홀 — 감봉 1개월",
            "개인정보 유출 방치 — 견책",
        ],
        ["적극행정 면책 제도, 알고 계신가요?"],
        ["건축과", "위생과", "주택과"],
    ),
}
PLACES = ["서울 ○○구", "경기 ○○시", "서울 △△구", "인천 ○○구", "부산 ○○구", "서울시 산하기관", "경기도청"]
PRESS = [
    "연합뉴스",
    "뉴시스",
    "뉴스1",
    "서울신문",
    "한겨레",
    "경향신문",
    "세계일보",
    "국민일보",
    "KBS 뉴스",
    "SBS 뉴스",
]
BODIES = [
    "인사혁신처 징계 사례집",
    "서울특별시 감사위원회",
    "국민권익위원회",
    "감사원",
    "행정안전부",
    "경기도 감사관실",
]
WHO = [
    "5급 팀장",
    "6급 주무관",
    "7급 주무관",
    "8급 주무관",
    "9급 주무관",
    "6급 팀장",
    "공무직 근로자",
    "4급 과장",
]
CARD_SOURCES = ["감사담당관 조사팀", "국민권익위원회 카드뉴스"]
BULLETIN_TITLES = [
    "새해 공직기강 확립 — 음주운전 징계 사례",
    "설 명절 금품수수 주의 사례",
    "갑질 근절 — 타 기관 징계 사례",
    "봄철 복무 기강 — 무단 이탈·초과근무 사례",
    "보조금·공금 횡령 사례",
    "성비위 예방 — 징계 사례와 대처 방법",
    "인허가 분야 금품수수 사례",
    "음주운전 징계 사례 (상반기)",
    "공직선거 앞 정치적 중립·복무 사례",
    "여름 휴가철 복무 기강 사례",
    "추석 명절 청탁금지법 사례",
    "직무태만·소극행정 징계 사례",
    "계약·공사 분야 금품수수 사례",
    "갑질·폭언 징계 사례",
    "개인정보 유출 징계 사례",
    "연말 음주운전 징계 사례",
    "송년회 성비위 예방 사례",
    "2025년 비위 사례 총정리",
]
TREND_TOPICS = [
    (
        "관내 공사 현장 업체 민원 동향",
        "업체 간 분쟁과 관련한 민원이 늘고 있어 금품 제공 시도에 주의가 필요함.",
        "금품수수",
    ),
    ("명절 전후 선물 반송 현황", "명절 전 업체 선물 배송 3건을 반송하고 청렴톡 안내를 함.", "청탁금지법"),
    ("야간 단속 근무 복무 동향", "야간 단속 근무자의 초과근무 기록을 점검함.", "복무위반"),
    ("언론 보도 동향", "타 자치구 공무원 음주운전 보도가 이어져 부서 회의에서 안내함.", "음주운전"),
    ("직장 내 괴롭힘 상담 동향", "부서 내 업무 분장 갈등 상담 2건, 조정 중.", "갑질"),
    ("보조금 정산 점검 동향", "민간 보조사업 정산 서류 보완 요청 4건.", "공금횡령"),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), SEOUL)


def _bulletin_dates(year: int) -> list[dt.date]:
    """18 posting days spread over the year (about every three weeks, on weekdays)."""
    days = []
    for i in range(BULLETINS):
        day = dt.date(year, 1, 14) + dt.timedelta(days=round(i * 340 / (BULLETINS - 1)))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        days.append(min(day, dt.date(year, 12, 22)))
    return days


def _make_item(rng, actor, types, units, code: str, kind: str, published: dt.date, n: int):
    tag, press, cases, cards, related = THEMES[code]
    if kind == ItemKind.PRESS:
        title = rng.choice(press).format(place=rng.choice(PLACES))
        source = rng.choice(PRESS)
        link = f"https://news.example.kr/article/{published:%Y%m%d}{n:04d}"
        summary = f"{title.split('…')[0]} 사건이 보도됨. 유사 사례가 없도록 주의 바람. (예시 자료)"
    elif kind == ItemKind.DISCIPLINE:
        title = f"{rng.choice(WHO)}, {rng.choice(cases)}"
        source = rng.choice(BODIES)
        link = f"https://www.example.go.kr/discipline/{published:%Y}/{n:04d}"
        summary = f"{source}의 징계 사례: {title}. (예시 자료)"
    else:
        title = f"{rng.choice(cards)} ({published.month}월)"
        source = rng.choice(CARD_SOURCES)
        link = ""
        summary = f"{tag} 예방을 위한 카드뉴스입니다."
    tags = (
        [tag]
        + (["징계사례"] if kind == ItemKind.DISCIPLINE else [])
        + (["카드뉴스"] if kind == ItemKind.CARD_NEWS else [])
    )
    concerned = [units[name] for name in related if name in units]
    concerned = rng.sample(concerned, k=min(len(concerned), rng.randint(0, 2)))
    return svc.create_item(
        actor,
        kind=kind,
        title=title,
        source=source,
        published_on=published,
        link=link,
        summary=summary,
        allegation_type=types.get(code),
        tags=tags,
        departments=concerned,
        card_message=summary if kind == ItemKind.CARD_NEWS else "",
        card_actions="의심되면 멈추고 묻기\n받은 선물은 바로 돌려주기\n청렴톡으로 알리기"
        if kind == ItemKind.CARD_NEWS
        else "",
    )


def _kind(rng, i: int) -> str:
    if i % 9 == 0:
        return ItemKind.CARD_NEWS
    return ItemKind.DISCIPLINE if rng.random() < 0.4 else ItemKind.PRESS


def _reads(rng, post_day: dt.date, staff: list[int], share: float, cutoff: dt.datetime):
    reads = []
    for uid in staff:
        if rng.random() < share:
            at = _at(post_day + dt.timedelta(days=min(int(rng.expovariate(0.35)), 30)), rng.randrange(9, 18))
            if at < cutoff:
                reads.append((uid, at))
    return reads


def load() -> int:
    if Bulletin.objects.filter(year=YEAR).exists():
        return 0
    rng = random.Random(2025_19)
    lead = User.objects.filter(
        memberships__role="team_leader", memberships__unit__office_team="investigation"
    ).first()
    investigator = User.objects.filter(username="investigator").first()
    if lead is None or investigator is None:
        return 0
    seed_allegation_types(AllegationType)
    types = {t.code: t for t in AllegationType.objects.all()}
    units = {u.name: u for u in OrgUnit.objects.filter(active=True)}
    codes = list(THEMES)
    staff = list(
        User.objects.filter(kind=UserKind.STAFF, is_active=True).order_by("pk").values_list("pk", "username")
    )
    everyone = [pk for pk, _ in staff]
    not_demo = [pk for pk, name in staff if name not in DEMO_LOGINS]
    today = now()
    days = _bulletin_dates(YEAR)
    sizes = [19] * (ITEMS - 18 * BULLETINS) + [18] * (BULLETINS - (ITEMS - 18 * BULLETINS))
    n = 0
    for b, (day, size) in enumerate(zip(days, sizes, strict=True)):
        theme = codes[b % len(codes)]
        items = []
        for i in range(size):
            code = theme if i < size // 2 else rng.choice(codes)
            published = day - dt.timedelta(days=rng.randint(1, 20))
            n += 1
            items.append(_make_item(rng, investigator, types, units, code, _kind(rng, n), published, n))
        bulletin = svc.create_bulletin(
            lead,
            title=BULLETIN_TITLES[b],
            intro=f"{YEAR}년 제{b + 1}호 비위 사례를 공유합니다. 같은 일이 우리 구에서 일어나지 않도록 꼭 읽어 주세요.",
            items=items,
            year=YEAR,
        )
        svc.post_bulletin(lead, bulletin, at=_at(day, 10))
        bulletin.refresh_from_db()
        share = rng.uniform(0.55, 0.92)
        import_reads(lead, bulletin.post, _reads(rng, day, everyone, share, today))
    _current_year(rng, lead, investigator, types, units, codes, not_demo, today)
    _trends(rng, units, lead, investigator, types)
    return BULLETINS


def _current_year(rng, lead, investigator, types, units, codes, not_demo, today) -> None:
    """This year: one bulletin posted a week ago (the demo logins have not read it), one draft, loose items."""
    year = today.year
    if year == YEAR:
        return
    posted_day = (today - dt.timedelta(days=7)).date()
    fresh = []
    for i in range(14):
        code = codes[i % len(codes)]
        published = (
            posted_day - dt.timedelta(days=rng.randint(1, 25))
            if i < 8
            else today.date() - dt.timedelta(days=i - 7)
        )
        fresh.append(_make_item(rng, investigator, types, units, code, _kind(rng, i), published, 900 + i))
    card = next((x for x in fresh[:8] if x.kind == ItemKind.CARD_NEWS), None)
    if card is not None:
        svc.make_card(investigator, card)  # its PDF and PNG travel with the board post
    posted = svc.create_bulletin(
        lead,
        title="연말연시 음주운전·금품수수 주의 사례",
        intro="연말연시를 맞아 비위 사례를 공유합니다.",
        items=fresh[:8],
    )
    svc.post_bulletin(lead, posted, at=_at(posted_day, 10))
    posted.refresh_from_db()
    import_reads(lead, posted.post, _reads(rng, posted_day, not_demo, 0.45, today))
    svc.create_bulletin(lead, title="갑질·성비위 예방 사례", items=fresh[8:11])


def _trends(rng, units, lead, investigator, types) -> None:
    if TrendReport.objects.exists():
        return
    names = [
        "건설과",
        "건축과",
        "도로과",
        "주차관리과",
        "복지정책과",
        "위생과",
        "재산관리과",
        "총무과",
        "청소과",
        "세무1과",
    ]
    reporters = {}
    for name in names:
        unit = units.get(name)
        if unit is None:
            continue
        person = User.objects.filter(unit=unit, kind=UserKind.STAFF, is_active=True).order_by("pk").first()
        reporters[name] = (unit, person or investigator)
    liaison = User.objects.filter(username="liaison").first()
    if liaison is not None and "건설과" in reporters:
        reporters["건설과"] = (reporters["건설과"][0], liaison)
    for i in range(40):
        name = names[i % len(names)]
        if name not in reporters:
            continue
        unit, person = reporters[name]
        title, summary, tag = TREND_TOPICS[i % len(TREND_TOPICS)]
        day = dt.date(YEAR, 1, 10) + dt.timedelta(days=i * 8 + rng.randint(0, 5))
        svc.log_trend(
            person if i % 4 else investigator,
            unit=unit,
            reported_on=day,
            title=f"{unit.name} {title}",
            summary=summary,
            tags=[tag, "동향"],
            items=[],
        )
