"""Demo data: a district shaped like Yeongdeungpo-gu's 2025 report. Idempotent: running it twice changes nothing.

Names of people are invented. Departments follow the usual shape of a Seoul district; the 18 동 and the audit
office's staffing (정원 23: 5급 1, 6급 7, 7급 10, 8급 5 현원) follow the seed report.
"""

from __future__ import annotations

from django.db import transaction

from gamsa.core import services
from gamsa.core.models import Agency, DeadlineRule, OrgUnit, Role, UnitKind, User, UserKind
from gamsa.core.seeds import seed_deadline_rules

DEMO_PASSWORD = "gamsa-demo-2026!"

BUREAUS = [
    ("planning", "기획조정실", ["기획예산과", "홍보과", "법무과", "정보통신과"]),
    ("admin", "행정국", ["총무과", "자치행정과", "민원여권과", "세무1과", "세무2과", "재산관리과"]),
    (
        "welfare",
        "복지국",
        ["복지정책과", "사회복지과", "어르신복지과", "장애인복지과", "아동청소년과", "여성가족과"],
    ),
    ("economy", "경제문화국", ["일자리경제과", "문화체육과", "교육지원과", "지역상권과"]),
    ("urban", "도시국", ["도시계획과", "도시재생과", "건축과", "주택과", "부동산정보과"]),
    ("safety", "안전교통국", ["안전총괄과", "교통행정과", "주차관리과", "건설과", "도로과", "치수과"]),
    ("environment", "환경국", ["환경과", "청소과", "공원녹지과", "푸른도시과"]),
    ("health", "보건소", ["보건행정과", "건강증진과", "보건의료과", "위생과"]),
]

DONGS = [
    "영등포본동",
    "영등포동",
    "여의동",
    "당산1동",
    "당산2동",
    "도림동",
    "문래동",
    "양평1동",
    "양평2동",
    "신길1동",
    "신길3동",
    "신길4동",
    "신길5동",
    "신길6동",
    "신길7동",
    "대림1동",
    "대림2동",
    "대림3동",
]

OFFICE_TEAMS = [
    ("audit", "감사팀"),
    ("investigation", "조사팀"),
    ("complaints", "민원관리팀"),
    ("patrol", "순찰팀"),
]

# (team, grade, position, job series, role). 23 people: the head plus four teams (7, 5, 5, 5).
STAFF = (
    [(None, "5", "감사담당관", "행정", Role.OFFICE_HEAD)]
    + [("audit", "6", "감사팀장", "행정", Role.TEAM_LEADER)]
    + [("audit", "6", "주무관", s, Role.AUDITOR) for s in ("행정", "시설")]
    + [("audit", "7", "주무관", s, Role.AUDITOR) for s in ("행정", "세무", "행정")]
    + [("audit", "8", "주무관", "행정", Role.AUDITOR)]
    + [
        ("investigation", "6", "조사팀장", "행정", Role.TEAM_LEADER),
        ("investigation", "6", "주무관", "행정", Role.INVESTIGATOR),
    ]
    + [("investigation", "7", "주무관", "행정", Role.INVESTIGATOR)] * 2
    + [("investigation", "8", "주무관", "행정", Role.INVESTIGATOR)]
    + [("complaints", "6", "민원관리팀장", "행정", Role.TEAM_LEADER)]
    + [("complaints", "7", "주무관", "행정", Role.COMPLAINT_OFFICER)] * 2
    + [("complaints", "8", "주무관", "행정", Role.COMPLAINT_OFFICER)] * 2
    + [("patrol", "6", "순찰팀장", "행정", Role.TEAM_LEADER)]
    + [("patrol", "7", "주무관", s, Role.PATROL_OFFICER) for s in ("토목", "행정", "운전")]
    + [("patrol", "8", "주무관", "행정", Role.PATROL_OFFICER)]
)

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민준",
    "서연",
    "도윤",
    "지우",
    "하준",
    "서윤",
    "은우",
    "지민",
    "시우",
    "수아",
    "예준",
    "하은",
    "유준",
    "지유",
    "준서",
    "채원",
    "건우",
    "소율",
    "현우",
    "다은",
    "우진",
    "예린",
    "선우",
    "지아",
    "연우",
    "수빈",
]

# One account per role (the first office account of each role doubles as its demo login).
DEMO_LOGINS = [
    ("head", "감사담당관", Role.OFFICE_HEAD),
    ("leader", "감사팀장", Role.TEAM_LEADER),
    ("auditor", "감사팀 감사관", Role.AUDITOR),
    ("investigator", "조사팀 조사관", Role.INVESTIGATOR),
    ("complaints", "민원관리팀 민원담당", Role.COMPLAINT_OFFICER),
    ("patrol", "순찰팀 순찰담당", Role.PATROL_OFFICER),
    ("liaison", "건설과 부서 담당자", Role.DEPT_LIAISON),
    ("teamlead", "건설과 도로관리팀장 (결재: 검토)", None),
    ("depthead", "건설과장 (부서장)", Role.DEPT_HEAD),
    ("volunteer", "자원봉사자 (감사팀)", Role.VOLUNTEER),
    ("council", "구의회 열람자", Role.COUNCIL_VIEWER),
    ("ethics", "조사팀 공직윤리 담당 (재산등록·고지거부·취업제한·윤리위원회)", None),
    ("ethicsmember", "공직자윤리위원회 외부위원 (상정된 안건만 열람)", None),
    ("admin", "시스템 관리자", Role.SYSADMIN),
    ("citizen", "구민 (역할 없음)", None),
    # Accounts the apps' demo hooks create (shown by `gamsa demo`; their roles are given by those hooks).
    ("citizenauditor", "구민감사관 (감사 참여)", None),
    ("guardian", "내 지역 지킴이 (순찰팀 자원봉사자)", None),
    ("monitor", "구민인권지킴이단 (조사팀 자원봉사자)", None),
]


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def _unit(agency, parent, code, name, kind, **extra) -> OrgUnit:
    unit = OrgUnit.objects.filter(agency=agency, code=code).first()
    return unit or services.create_unit(
        None, agency=agency, parent=parent, code=code, name=name, kind=kind, **extra
    )


def _person(username: str, **fields) -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    if user:
        return user, False
    return services.create_person(None, username=username, password=DEMO_PASSWORD, **fields), True


@transaction.atomic
def load_demo(records: bool = False) -> dict:
    """The organisation and demo accounts; with `records`, also each app's demo cases (the `gamsa demo` command)."""
    seed_deadline_rules(DeadlineRule)
    agency = Agency.objects.filter(code="3180000").first() or services.create_agency(
        None,
        name="서울특별시 영등포구",
        code="3180000",
        open311_jurisdiction_id="ydp.seoul.kr",
        address="서울특별시 영등포구 당산로 123",
        phone="02-2670-3114",
    )
    root = _unit(agency, None, "ydp", "영등포구청", UnitKind.BUREAU, sort_order=0)
    office = _unit(
        agency,
        root,
        "audit-office",
        "감사담당관",
        UnitKind.DEPARTMENT,
        is_audit_office=True,
        sort_order=1,
        phone="02-2670-3041",
    )
    teams = {
        code: _unit(
            agency,
            office,
            f"audit-{code}",
            label,
            UnitKind.TEAM,
            is_audit_office=True,
            office_team=code,
            sort_order=i,
        )
        for i, (code, label) in enumerate(OFFICE_TEAMS, start=1)
    }
    departments = {}
    for b, (bcode, bname, depts) in enumerate(BUREAUS, start=2):
        bureau = _unit(agency, root, bcode, bname, UnitKind.BUREAU, sort_order=b)
        for d, dname in enumerate(depts, start=1):
            departments[dname] = _unit(
                agency, bureau, f"{bcode}-{d:02d}", dname, UnitKind.DEPARTMENT, sort_order=d
            )
    dongs_parent = _unit(agency, root, "dongs", "동 주민센터", UnitKind.BUREAU, sort_order=99)
    for i, dname in enumerate(DONGS, start=1):
        _unit(
            agency,
            dongs_parent,
            f"dong-{i:02d}",
            f"{dname} 주민센터",
            UnitKind.DONG,
            short_name=dname,
            sort_order=i,
        )

    created = 0
    first_login_of_role: dict[str, str] = {}
    logins = {role: username for username, _, role in DEMO_LOGINS if role}
    for i, (team, grade, position, series, role) in enumerate(STAFF):
        unit = teams[team] if team else office
        username = logins.pop(role, None) or f"staff{i + 1:02d}"
        user, new = _person(
            username,
            kind=UserKind.STAFF,
            full_name=_name(i),
            employee_number=f"3180{i + 1:04d}",
            grade=grade,
            position=position,
            job_series=series,
            unit=unit,
            email=f"{username}@ydp.example.kr",
            phone=f"02-2670-{3040 + i:04d}",
        )
        created += new
        services.add_membership(None, user=user, unit=unit, role=role)
        first_login_of_role.setdefault(role, username)

    construction = departments["건설과"]
    for username, role, position, grade, number, name in (
        ("liaison", Role.DEPT_LIAISON, "주무관", "7", "31809007", 47),
        # 팀장 between the liaison and the head: the department's cases like the liaison, and the 검토 step of the
        # department's approval lines (its rank comes from the title, or from the 결재 직위 screen).
        (
            "teamlead",
            Role.DEPT_LIAISON,
            "도로관리팀장",
            "6",
            "31809018",
            50,
        ),  # a name of its own: 결재란 shows both
        ("depthead", Role.DEPT_HEAD, "건설과장", "5", "31809008", 48),
    ):
        user, new = _person(
            username,
            kind=UserKind.STAFF,
            full_name=_name(name),
            grade=grade,
            position=position,
            job_series="토목",
            unit=construction,
            employee_number=number,
            email=f"{username}@ydp.example.kr",
            phone="02-2670-3500",
        )
        created += new
        services.add_membership(None, user=user, unit=construction, role=role)

    # 조사팀's property-registration desk (공직자윤리법), and an outside member of the district's ethics committee who
    # reads only the agenda items put to the meetings they sit in.
    ethics, new = _person(
        "ethics",
        kind=UserKind.STAFF,
        full_name=_name(80),
        employee_number="31809010",
        grade="7",
        position="주무관",
        job_series="행정",
        unit=teams["investigation"],
        email="ethics@ydp.example.kr",
        phone="02-2670-3049",
    )
    created += new
    services.add_membership(None, user=ethics, unit=teams["investigation"], role=Role.ETHICS_OFFICER)
    member, new = _person(
        "ethicsmember", kind=UserKind.EXTERNAL, full_name=_name(81), position="공직자윤리위원회 외부위원"
    )
    created += new
    services.add_membership(None, user=member, unit=root, role=Role.ETHICS_COMMITTEE)

    volunteer, new = _person(
        "volunteer",
        kind=UserKind.VOLUNTEER,
        full_name=_name(60),
        volunteer_programme="citizen_auditor",
        phone="010-0000-0001",
    )
    created += new
    services.add_membership(None, user=volunteer, unit=teams["audit"], role=Role.VOLUNTEER)
    council, new = _person(
        "council", kind=UserKind.EXTERNAL, full_name="구의회 행정위원회", position="열람 전용"
    )
    created += new
    services.add_membership(None, user=council, unit=root, role=Role.COUNCIL_VIEWER)
    admin_user, new = _person(
        "admin",
        kind=UserKind.STAFF,
        full_name=_name(70),
        position="전산 담당",
        unit=departments["정보통신과"],
        employee_number="31809999",
        grade="6",
    )
    created += new
    if new:
        admin_user.is_staff = True
        admin_user.is_superuser = True
        admin_user.save(update_fields=["is_staff", "is_superuser"])
    services.add_membership(None, user=admin_user, unit=departments["정보통신과"], role=Role.SYSADMIN)
    _, new = _person("citizen", kind=UserKind.CITIZEN, full_name="홍길동", phone="010-0000-0002")
    created += new
    if records:
        for hook in DEMO_HOOKS:
            hook()
        for hook in LATE_DEMO_HOOKS:
            hook()
    return {"created_people": created, "units": OrgUnit.objects.filter(agency=agency).count()}


# Apps add their own demo records (run after the organisation exists, inside the same transaction).
DEMO_HOOKS: list = []
# Records that need every other app's demo first (e.g. read receipts of all the district's staff, whom the
# integrity demo creates): run after DEMO_HOOKS.
LATE_DEMO_HOOKS: list = []
