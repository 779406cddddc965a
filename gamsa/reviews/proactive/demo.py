"""Demo 적극행정: a decided selection round with its committee and scores, two 사전컨설팅 (one answered), two 면책
cases (one decided) and last quarter's report. 건설과 (liaison, depthead) files, the auditor answers. Idempotent."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Membership, OrgUnit, Role, User
from gamsa.reviews.proactive import services as pro
from gamsa.reviews.proactive.models import ExemptionCase, QuarterlyExemptionReport, SelectionRound

NOMINEES = [
    ("김도현", "건설과", "침수 취약 도로 선제 정비"),
    ("이수민", "주택과", "노후 공동주택 안전점검 원스톱 지원"),
    ("박지훈", "세무1과", "체납 차량 번호판 영치 일제 정리"),
    ("최유진", "복지정책과", "위기가구 발굴 데이터 연계"),
    ("정하늘", "청소과", "무단투기 상습지역 스마트 단속"),
    ("한서준", "건축과", "인허가 사전 상담제 도입"),
    ("윤가은", "일자리경제과", "소상공인 경영 컨설팅"),
    ("오민석", "공원녹지과", "유휴부지 쌈지공원 조성"),
    ("서예린", "도로과", "공사장 보행 안전통로 의무화"),
    ("장우진", "교통행정과", "어린이보호구역 시설 일제 정비"),
]


@transaction.atomic
def load_demo_proactive() -> None:
    if SelectionRound.objects.exists():
        return
    liaison = User.objects.get(username="liaison")
    depthead = User.objects.get(username="depthead")
    auditor = User.objects.get(username="auditor")
    unit = Membership.objects.filter(user=liaison, role=Role.DEPT_LIAISON).select_related("unit").first().unit
    today = timezone.now().astimezone(SEOUL).date()
    rnd = pro.open_round(auditor, year=today.year, half=1, quota=8)
    members = [
        pro.add_member(auditor, rnd, name=n, affiliation=a, external=e)
        for n, a, e in (
            ("송재원", "부구청장 (위원장)", False),
            ("홍미경", "변호사", True),
            ("권태호", "회계사", True),
        )
    ]
    units = {u.name: u for u in OrgUnit.objects.filter(name__in={n[1] for n in NOMINEES})}
    for i, (name, unit_name, achievement) in enumerate(NOMINEES):
        nomination = pro.nominate(
            depthead if unit_name == unit.name else auditor,
            rnd,
            nominee_name=name,
            nominee_unit=units.get(unit_name, unit),
            achievement=achievement,
            description=f"{achievement}로 주민 불편을 줄였습니다.",
        )
        for j, member in enumerate(members):
            pro.record_scores(
                auditor,
                nomination,
                member,
                {
                    "difficulty": 18 + (i * 7 + j) % 12,
                    "proactivity": 17 + (i * 5 + j) % 13,
                    "impact": 25 + (i * 3 + j) % 15,
                },
            )
    pro.decide_round(auditor, rnd)
    advised = pro.request_consulting(
        liaison,
        unit,
        subject="공사 중 긴급 보수의 수의계약 가능 여부",
        question="집중호우로 파손된 배수로를 긴급 보수할 때 수의계약으로 처리해도 되는지 묻습니다.",
        facts="피해 규모 약 4천만 원, 우기 중 추가 침수 우려",
    )
    pro.answer_consulting(
        auditor,
        advised,
        advice="지방계약법 시행령 제25조①에 따른 긴급 복구 사유에 해당하여 수의계약이 가능합니다.",
    )
    pro.request_consulting(
        depthead,
        unit,
        subject="보도 점용 허가 기간 연장 기준",
        question="공사 지연 시 점용 허가 연장의 범위를 묻습니다.",
    )
    granted = pro.file_exemption(
        liaison,
        unit,
        applicant_name="김도현",
        matter="긴급 배수로 보수 수의계약에 대한 주의 요구의 면책 신청",
        audit_reference="2026년 건설과 특정감사",
        consulting=advised,
        public_interest=True,
        no_private_interest=True,
        no_serious_defect=True,
    )
    pro.decide_exemption(
        auditor,
        granted,
        decision=ExemptionCase.Decision.GRANTED,
        reason="사전컨설팅 의견대로 처리하였고 사적 이해관계가 없어 면책함.",
    )
    pro.file_exemption(
        liaison,
        unit,
        applicant_name="이건우",
        matter="공사 준공 지연에 따른 지체상금 미부과 건",
        audit_reference="2026년 건설과 특정감사",
        public_interest=True,
    )
    year, quarter = pro.previous_quarter(today)
    QuarterlyExemptionReport.objects.get_or_create(
        year=year,
        quarter=quarter,
        defaults={"submitted_at": timezone.now(), "submitted_by": auditor, "case_count": 0},
    )
