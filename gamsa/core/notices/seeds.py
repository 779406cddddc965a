"""The office's default wording of each notice (a data migration seeds them; `gamsa demo` restores missing ones).
`#{항목}` marks are filled from the case (gamsa/core/notices/rendering.py lists them per kind)."""

from __future__ import annotations

import datetime as dt

EFFECTIVE_FROM = dt.date(2026, 1, 1)

# The answer's wording before the remedy notice depended on the outcome (ADR 0031): the data migration 0003 adds the
# new version where an office still used this one unchanged.
ANSWER_BODY_2026_1 = (
    "#{성명}님의 민원(접수번호 #{접수번호}, #{제목})을 다음과 같이 처리하였습니다.\n"
    "- 처리 결과: #{처리결과}\n- 답변일시: #{답변일시}\n\n#{답변내용}\n\n"
    "처리 결과에 이의가 있으시면 결과를 통지받은 날부터 90일 안에 이의신청 등을 하실 수 있습니다. #{조회주소}"
)
REMEDY_VERSION_FROM = dt.date(2026, 12, 7)

TEMPLATES = {
    "receipt": (
        "[#{기관명}] 민원 접수 안내",
        "#{성명}님의 민원이 접수되었습니다.\n"
        "- 접수번호: #{접수번호}\n- 제목: #{제목}\n- 접수일시: #{접수일시}\n- 처리기한: #{처리기한}\n"
        "처리 상황은 접수번호와 확인번호로 조회하실 수 있습니다. #{조회주소}",
    ),
    "transfer": (
        "[#{기관명}] 민원 이송 안내",
        "#{성명}님의 민원(접수번호 #{접수번호})은 소관 기관인 #{이송기관}(으)로 이송되었습니다.\n"
        "- 이송 사유: #{이송사유}\n앞으로의 처리와 답변은 #{이송기관}에서 드립니다(민원 처리에 관한 법률 시행령 제13조).",
    ),
    "extension": (
        "[#{기관명}] 민원 처리기간 연장 안내",
        "#{성명}님의 민원(접수번호 #{접수번호}) 처리기간을 연장하게 되어 알려 드립니다.\n"
        "- 연장 사유: #{연장사유}\n- 종전 처리기한: #{종전처리기한}\n- 변경 처리기한: #{처리기한}\n"
        "- 담당: #{담당부서} #{담당자}\n(민원 처리에 관한 법률 시행령 제21조)",
    ),
    "supplement": (
        "[#{기관명}] 민원 보완 요청",
        "#{성명}님의 민원(접수번호 #{접수번호}) 처리를 위해 다음 사항의 보완을 요청합니다.\n"
        "- 보완 내용: #{보완내용}\n보완하는 동안은 처리기간에 넣지 않습니다(민원 처리에 관한 법률 시행령 제20조).",
    ),
    "progress": (
        "[#{기관명}] 민원 처리 진행 안내",
        "#{성명}님의 민원(접수번호 #{접수번호}) 처리 상황을 알려 드립니다.\n#{통지내용}\n"
        "- 처리기한: #{처리기한}\n(민원 처리에 관한 법률 시행령 제23조)",
    ),
    "answer": (
        "[#{기관명}] 민원 처리 결과 안내",
        "#{성명}님의 민원(접수번호 #{접수번호}, #{제목})을 다음과 같이 처리하였습니다.\n"
        "- 처리 결과: #{처리결과}\n- 답변일시: #{답변일시}\n\n#{답변내용}\n\n#{불복안내}\n\n"
        "처리 상황 조회: #{조회주소}",
    ),
    "finding_routed": (
        "[#{기관명}] 순찰 적출사항 통보 (#{접수번호})",
        "#{받는분}님, 순찰 적출사항이 #{처리부서}에 통보되었습니다.\n"
        "- 적출 번호: #{접수번호}\n- 제목: #{제목}\n- 장소: #{장소}\n- 요청 조치: #{요청조치}\n"
        "- 조치기한: #{조치기한}\n업무시스템에서 조치 결과를 등록해 주세요. #{조회주소}",
    ),
    "overdue": (
        "[#{기관명}] 처리기한 지남 알림 (#{접수번호})",
        "#{받는분}님, 담당하신 건의 처리기한이 지났습니다.\n"
        "- 번호: #{접수번호}\n- 제목: #{제목}\n- 처리기한: #{처리기한} (#{지난일수}일 지남)\n"
        "서둘러 처리하시고, 늦어지는 사유가 있으면 기록해 주세요. #{조회주소}",
    ),
}


def seed_templates(apps=None) -> int:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    NoticeTemplate = apps.get_model("notices", "NoticeTemplate")
    created = 0
    for kind, (subject, body) in TEMPLATES.items():
        if not NoticeTemplate.objects.filter(kind=kind).exists():
            NoticeTemplate.objects.create(
                kind=kind, effective_from=EFFECTIVE_FROM, subject=subject, body=body, note="기본 서식"
            )
            created += 1
    return created
