"""Demo grievances: a few weeks of the desk, with open, overdue, answered, extended and repeated cases."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.models import Category, Grievance
from gamsa.core.calendar import SEOUL, get_calendar
from gamsa.core.models import OrgUnit, User

MATTERS = [
    (
        "traffic",
        "주차관리과",
        "{road} 불법주차 단속 요청",
        "{road} 앞에 밤마다 차량이 불법주차되어 보행이 위험합니다. 단속을 부탁드립니다.",
    ),
    ("cleaning", "청소과", "{road} 쓰레기 무단투기", "{road} 골목에 생활쓰레기가 계속 버려져 악취가 납니다."),
    ("roads", "건설과", "{road} 보도블록 파손", "{road} 앞 보도블록이 깨져 어르신이 넘어질 뻔했습니다."),
    ("environment", "환경과", "{road} 공사장 소음", "{road} 공사장에서 이른 아침부터 소음이 심합니다."),
    (
        "parks",
        "공원녹지과",
        "{road} 어린이공원 놀이기구 고장",
        "{road} 어린이공원 그네가 부서져 아이들이 다칠까 걱정됩니다.",
    ),
    (
        "building",
        "건축과",
        "{road} 불법 증축 의심",
        "{road} 건물 옥상에 가건물이 새로 생겼습니다. 허가를 받은 것인지 확인해 주세요.",
    ),
    (
        "conduct",
        "민원여권과",
        "민원 처리 지연 불만",
        "여권 발급 민원을 신청했는데 안내 없이 처리가 늦어졌습니다. 경위를 알고 싶습니다.",
    ),
]
ROADS = [
    "영등포로 150",
    "당산로 123",
    "도림로 45",
    "신길로 20",
    "대림로 88",
    "문래로 71",
    "양평로 30",
    "경인로 775",
]
NAMES = [
    ("김영희", "010-2000-0001"),
    ("이철수", "010-2000-0002"),
    ("박민지", "010-2000-0003"),
    ("정수환", "010-2000-0004"),
    ("최은정", "010-2000-0005"),
    ("한지훈", "010-2000-0006"),
    ("오세영", "010-2000-0007"),
    ("윤미래", "010-2000-0008"),
]
CHANNELS = ["eungdapso", "mayor_inbox", "mayor_inbox", "phone", "visit"]


REPEAT_TITLE = "당산로 123 보도 공사 자재 적치 또 신고합니다"


def load_demo_grievances() -> None:
    # The mark of this loader's own records (the last thing it makes, in the demo's one transaction): other apps'
    # demos file grievances of their own (the notices demo does, and may run first), so "any grievance" is not it.
    if Grievance.objects.filter(title=REPEAT_TITLE).exists():
        return
    rng = random.Random(2026)
    cal = get_calendar()
    officer = User.objects.get(username="complaints")
    now = timezone.now().astimezone(SEOUL)
    start = now - dt.timedelta(days=42)
    for i in range(36):
        code, dept_name, title, body = MATTERS[i % len(MATTERS)]
        road = ROADS[rng.randrange(len(ROADS))]
        name, phone = NAMES[rng.randrange(len(NAMES))]
        received = cal.start_of_working_time(start + dt.timedelta(hours=rng.randrange(0, 40 * 24)))
        if received > now:
            received = now - dt.timedelta(hours=2)
        g = svc.receive_grievance(
            officer,
            channel=CHANNELS[i % len(CHANNELS)],
            kind="grievance",
            title=title.format(road=road),
            body=body.format(road=road),
            complainant={"name": name, "phone": phone, "address": f"서울 영등포구 {road}"},
            received_at=received,
            place_address=f"서울특별시 영등포구 {road}",
            category=Category.objects.filter(code=code).first(),
            calendar=cal,
        ).grievance
        if i % 6 == 5:
            continue  # still waiting for assignment at the office
        dept = OrgUnit.objects.get(name=dept_name)
        svc.assign(officer, g, department=dept)
        if i % 4 == 0 and g.due_at < now:
            svc.answer(
                officer,
                g,
                method="electronic",
                outcome="accepted",
                text="현장을 확인하고 조치하였습니다.",
                now=min(now, g.due_at - dt.timedelta(hours=1)),
            )
        elif i % 4 == 1:
            svc.extend_deadline(
                officer, g, reason="cooperation", reason_detail="관계 부서 협조가 필요합니다.", amount=5
            )
    _repeat_chain(officer, cal, now)
    _same_pothole(officer, cal, now)


def _repeat_chain(officer, cal, now) -> None:
    """The same complaint filed three times by one person, answered twice: the 제23조 case."""
    dept = OrgUnit.objects.get(name="건설과")
    chain = []
    for weeks in (6, 4, 1):
        received = cal.start_of_working_time(now - dt.timedelta(weeks=weeks))
        g = svc.receive_grievance(
            officer,
            channel="mayor_inbox",
            kind="grievance",
            title=REPEAT_TITLE,
            body=f"당산로 123 앞 보도에 공사 자재가 쌓여 통행할 수가 없습니다. {len(chain) + 1}번째 신고입니다. 치워 주세요.",
            complainant={"name": "강반복", "phone": "010-3000-0003", "address": "서울 영등포구 당산로 123"},
            received_at=received,
            place_address="서울특별시 영등포구 당산로 123",
            calendar=cal,
            category=Category.objects.filter(code="roads").first(),
        ).grievance
        svc.assign(officer, g, department=dept)
        if len(chain) < 2:
            svc.answer(
                officer,
                g,
                method="document",
                outcome="explained",
                text="시공사에 자재 이동을 지시하였습니다.",
                now=min(now, g.due_at - dt.timedelta(hours=2)),
            )
        chain.append(g)
    for earlier in chain[:2]:
        svc.review_similarity(
            officer, chain[2], earlier, decision="confirmed", score=0.9, same_complainant=True
        )


def _same_pothole(officer, cal, now) -> None:
    """Three residents report the same pothole in their own words (중복민원: joint handling, never 제23조)."""
    reports = [
        (
            "문하늘",
            "010-3100-0001",
            "도신로 88 포트홀",
            "도신로 88 앞 차도에 포트홀이 생겨 오토바이가 넘어질 뻔했습니다.",
            9,
        ),
        (
            "배가온",
            "01031000002",
            "도로가 패여 위험합니다",
            "도신로 88 부근 도로 한가운데가 움푹 꺼져 있어요. 빨리 메워 주세요.",
            7,
        ),
        (
            "남새봄",
            "+82 10-3100-0003",
            "민원 드립니다",
            "도신로 88 건물 앞 아스팔트가 깨져 큰 구멍이 있습니다.",
            4,
        ),
    ]
    for i, (name, phone, title, body, days) in enumerate(reports):
        svc.receive_grievance(
            officer,
            channel="eungdapso",
            kind="grievance",
            title=title,
            body=body,
            complainant={"name": name, "phone": phone},
            received_at=cal.start_of_working_time(now - dt.timedelta(days=days)),
            place_address="서울특별시 영등포구 도신로 88" if i == 0 else "",
            calendar=cal,
        )
