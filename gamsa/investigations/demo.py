"""Demo cases in the shape of the 2025 yearly report: 15 notified by outside bodies (징계 3, 종결 8, 진행 4) and
15 internal and complaint-based ones (징계 7, 훈계 등 3, 종결 2, 진행 3). Subjects are fictional.

Idempotent: nothing is added once the 2025 cases exist. The open cases' act dates are set so that the board shows
징계시효 both far away and under 60 days from the day the demo is loaded.

The investigation team gets staff keys with the demo passphrase (gamsa.hotline.demo.DEMO_PASSPHRASE), so the sealed
statements open for the office head, the team leader and the assigned investigators (casefile.py).
"""

from __future__ import annotations

import datetime as dt
import random

from gamsa.core.calendar import now
from gamsa.core.models import Grade, OrgUnit, UnitKind, User
from gamsa.hotline import keys
from gamsa.hotline.demo import DEMO_PASSPHRASE
from gamsa.hotline.models import Keyring
from gamsa.investigations import services as svc
from gamsa.investigations.models import Action, AllegationType, Case, ExternalBody, Penalty, Source
from gamsa.investigations.seeds import seed_allegation_types

SUBJECT_NAMES = [
    "강태오",
    "남궁민",
    "도지훈",
    "류하늘",
    "문서진",
    "백승호",
    "서도윤",
    "신하람",
    "엄지원",
    "여민수",
    "오세린",
    "유재석",
    "윤보라",
    "임채원",
    "장우혁",
    "전소미",
    "정하준",
    "조은별",
    "차민호",
    "채수아",
    "최강민",
    "탁재훈",
    "하지민",
    "한다인",
    "허윤서",
    "홍석진",
    "황보람",
    "권나래",
    "김도현",
    "박서연",
]
TITLES = {
    "bribery": "업무 관련 금품 수수",
    "embezzlement": "보조금 집행 부적정(유용)",
    "drunk_driving": "음주운전 적발 통보",
    "sexual": "직장 내 성희롱",
    "abuse_of_power": "부하 직원에 대한 갑질",
    "service_breach": "근무지 무단 이탈",
    "neglect": "인허가 처리 지연",
    "other": "품위 유지 의무 위반",
}
EXTERNAL_TYPES = [
    "drunk_driving",
    "bribery",
    "drunk_driving",
    "other",
    "embezzlement",
    "drunk_driving",
    "sexual",
]
INTERNAL_TYPES = [
    "service_breach",
    "abuse_of_power",
    "neglect",
    "sexual",
    "service_breach",
    "bribery",
    "other",
]
BODIES = [
    (ExternalBody.POLICE, "영등포경찰서"),
    (ExternalBody.PROSECUTION, "서울남부지방검찰청"),
    (ExternalBody.BAI, "감사원"),
    (ExternalBody.ACRC, "국민권익위원회"),
    (ExternalBody.SEOUL, "서울특별시 감사위원회"),
    (ExternalBody.POLICE, "서울경찰청"),
]
# (source group, outcome): outcome in discipline | admonition | closed | open
PLAN = (
    [("external", "discipline")] * 3
    + [("external", "closed")] * 8
    + [("external", "open")] * 4
    + [("internal", "discipline")] * 7
    + [("internal", "admonition")] * 3
    + [("internal", "closed")] * 2
    + [("internal", "open")] * 3
)


def load() -> int:
    if Case.objects.filter(year=2025).exists():
        return 0
    rnd = random.Random(2025)
    head = User.objects.get(username="head")
    lead = User.objects.filter(
        memberships__role="team_leader", memberships__unit__office_team="investigation"
    ).first()
    investigators = list(
        User.objects.filter(
            memberships__role="investigator", memberships__unit__office_team="investigation"
        ).order_by("username")
    )
    main = User.objects.get(username="investigator")
    for person in [head, lead, *investigators]:
        if person is not None and not Keyring.objects.filter(user=person).exists():
            keys.set_up_key(person, DEMO_PASSPHRASE)
    assigner = lead or head
    assigner_private = keys.open_private(assigner, DEMO_PASSPHRASE)
    units = list(
        OrgUnit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.DONG], is_audit_office=False)[:40]
    )
    seed_allegation_types(AllegationType)  # a flushed test database has lost the migration's seed
    types = {t.code: t for t in AllegationType.objects.all()}
    from gamsa.complaints.models import Grievance, PublicInterestReport

    reports = list(PublicInterestReport.objects.order_by("received_at")[:3])
    grievances = list(Grievance.objects.order_by("received_at")[:3])
    today = now().date()
    made = 0
    for i, (group, outcome) in enumerate(PLAN):
        received = dt.date(2025, 1 + (i * 11) // 30, 3 + (i * 7) % 24)
        code = (EXTERNAL_TYPES if group == "external" else INTERNAL_TYPES)[i % 7]
        kind = types[code]
        if outcome == "open":
            # open cases: the 징계시효 lands 20–400 days from today so the board shows red and calm rows
            years = {"general": 3, "property": 5, "sexual": 10}[kind.ground]
            target = today + dt.timedelta(days=[20, 45, 130, 220, 310, 400, 75][i % 7])
            act = target.replace(year=target.year - years)
            act = min(act, received - dt.timedelta(days=10))
        else:
            act = received - dt.timedelta(days=rnd.randint(20, 300))
        grade = rnd.choice([Grade.G5, Grade.G6, Grade.G6, Grade.G7, Grade.G7, Grade.G8, Grade.G9])
        if group == "external":
            body, body_name = BODIES[i % len(BODIES)]
            source_kwargs = {
                "source": Source.EXTERNAL,
                "external_body": body,
                "external_body_name": body_name,
                "document_number": f"수사과-{2025}{i + 1:04d}",
                "document_date": received - dt.timedelta(days=3),
            }
        else:
            source, extra = Source.INTERNAL, {}
            if i % 5 == 1 and reports:
                source, extra = Source.PUBLIC_INTEREST, {"public_interest_report": reports[i % len(reports)]}
            elif i % 5 == 2 and grievances:
                source, extra = Source.GRIEVANCE, {"grievance": grievances[i % len(grievances)]}
            source_kwargs = {"source": source, **extra}
        case = svc.receive_case(
            head,
            title=TITLES[code],
            summary=f"{TITLES[code]} 의혹에 대한 조사 건입니다. (예시 자료)",
            received_on=received,
            subjects=[
                {
                    "name": SUBJECT_NAMES[i % len(SUBJECT_NAMES)],
                    "unit": units[i % len(units)],
                    "grade": grade,
                    "position": "주무관" if grade not in (Grade.G5,) else "팀장",
                    "allegations": [{"type": kind, "act_date": act, "description": "예시 비위 사실"}],
                }
            ],
            **source_kwargs,
        )
        made += 1
        team = [main] if i % 2 == 0 else [investigators[i % len(investigators)]]
        svc.assign(assigner, case, team, received + dt.timedelta(days=1), private=assigner_private)
        if outcome == "open" and i % 2:
            continue  # assigned, not started yet
        started = received + dt.timedelta(days=3)
        svc.start_investigation(team[0], case, started)
        subject = case.subjects.get()
        svc.record_unit_notice(team[0], subject, "start", started + dt.timedelta(days=2))
        svc.add_statement(
            team[0],
            case,
            taken_on=started + dt.timedelta(days=7),
            subject=subject,
            text="대상자는 사실관계를 대체로 인정하였음. (예시 진술)",
        )
        svc.add_diary(
            team[0], case, on=started + dt.timedelta(days=1), text="관계 서류 확보, 대상자 출석 요구."
        )
        if outcome == "open":
            continue
        reported = started + dt.timedelta(days=20)
        svc.report_findings(
            team[0],
            case,
            on=reported,
            report="조사 결과를 보고합니다. (예시)",
            findings={
                str(subject.public_id): "비위 사실이 확인됨."
                if outcome != "closed"
                else "비위 사실이 확인되지 않음."
            },
        )
        subject.refresh_from_db()
        svc.record_unit_notice(team[0], subject, "end", reported + dt.timedelta(days=3))
        action = {
            "discipline": Action.HEAVY if kind.ground != "general" else Action.LIGHT,
            "admonition": Action.ADMONITION if i % 2 else Action.CAUTION,
            "closed": Action.CLOSE if i % 3 else Action.NO_FAULT,
        }[outcome]
        decided = reported + dt.timedelta(days=5)
        svc.decide_action(lead or head, subject, action=action, on=decided)
        subject.refresh_from_db()
        if outcome == "discipline":
            svc.request_discipline(lead or head, subject, on=decided + dt.timedelta(days=10))
            subject.refresh_from_db()
            penalty = Penalty.SUSPENSION if action == Action.HEAVY else Penalty.REPRIMAND
            svc.record_decision(head, subject, decision=penalty, received_on=decided + dt.timedelta(days=40))
            subject.refresh_from_db()
            svc.record_disposition(head, subject, on=decided + dt.timedelta(days=50))
        case.refresh_from_db()
        svc.close_case(head, case, on=decided + dt.timedelta(days=60))
    return made
