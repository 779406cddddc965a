"""The requests of the complaints access matrix (test_access_matrix.py): the world the rows work on, made once per
module, and the (method, URL, data) of every row. The expected outcomes are in the test module, apart from these."""

from __future__ import annotations

import datetime as dt
import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gamsa.core.testing.matrix import ACCOUNTS

# --- the world ------------------------------------------------------------------------------------------------------

PERSON = {"name": "권매트", "phone": "010-4242-4242", "address": "서울 영등포구 도림로 42"}
OTHER = {"name": "서행렬", "phone": "010-5353-5353", "address": "서울 영등포구 당산로 53"}


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


CSV_HEADER = "접수일시,접수경로,제목,내용,민원인,연락처\n"


def csv_upload() -> SimpleUploadedFile:
    row = "2026-03-02 10:00,전화,보도블록 파손,도림로 7 앞 보도블록이 깨졌습니다.,한가져,010-7070-7070\n"
    return SimpleUploadedFile("민원.csv", (CSV_HEADER + row).encode(), content_type="text/csv")


def build() -> dict:
    from gamsa.complaints.committee import services as committee_svc
    from gamsa.complaints.grievances import services as grievance_svc
    from gamsa.complaints.models import CommitteeMember
    from gamsa.complaints.petitions import services as petition_svc
    from gamsa.complaints.protection import services as protection_svc
    from gamsa.complaints.reports import services as report_svc
    from gamsa.complaints.taxpayer import services as taxpayer_svc
    from gamsa.core.models import OrgUnit, User
    from gamsa.hotline import crypto
    from gamsa.hotline.demo import set_up_members

    crypto.use_test_kdf(True)
    set_up_members()  # the head holds the identity vault's custodian key
    people = {u.username: u for u in User.objects.filter(username__in=ACCOUNTS)}
    officer, head = people["complaints"], people["head"]
    construction = OrgUnit.objects.get(name="건설과")
    today = timezone.localdate()

    def grievance(person, title):
        return grievance_svc.receive_grievance(
            officer,
            channel="phone",
            kind="grievance",
            title=title,
            body=f"{title}: 빨리 처리해 주세요.",
            complainant=person,
            place_address="서울 영등포구 도림로 42",
        ).grievance

    mine = grievance(PERSON, "도림로 42 앞 가로등 고장")
    grievance_svc.assign(officer, mine, department=construction)
    elsewhere = grievance(OTHER, "도림로 42 앞 가로등이 꺼져 있음")

    petition = petition_svc.receive_petition(
        officer,
        title="도림천 자전거 도로 정비",
        body="도림천 자전거 도로가 파손되어 정비를 청원합니다.",
        petitioner=PERSON,
        is_public_request=False,
        matter="system",
    )
    start = today - dt.timedelta(days=30)
    board = [
        petition_svc.add_board_member(
            officer,
            name=name,
            affiliation="위원",
            is_outside=outside,
            is_chair=chair,
            term_start=start,
            term_end=start + dt.timedelta(days=365),
        )
        for name, outside, chair in [
            ("한위원장", False, True),
            ("오내부", False, False),
            ("민외부", True, False),
            ("조외부", True, False),
            ("탁외부", True, False),
        ]
    ]
    board_day = today - dt.timedelta(days=7)
    petition_svc.hold_board_meeting(officer, held_on=board_day, attendees=board, petitions=[])

    seats = CommitteeMember.Seat
    committee = [
        committee_svc.add_member(officer, name="박국장", seat=seats.CHAIR, affiliation="행정국장"),
        committee_svc.add_member(officer, name="최변호", seat=seats.OUTSIDE_LEGAL, affiliation="변호사"),
        committee_svc.add_member(officer, name="이감사", seat=seats.AUDIT_HEAD, affiliation="감사담당관"),
    ]
    committee_day = today - dt.timedelta(days=5)
    meeting = committee_svc.hold_meeting(officer, held_on=committee_day, attendees=committee)
    committee_svc.add_agenda_item(
        officer, meeting, grievance=mine, topic="long_unresolved", summary="장기 미해결 민원 심의"
    )

    report = report_svc.receive_report(
        officer,
        subject="건축 안전",
        summary="공사 현장에서 안전난간 없이 고층 작업을 시킵니다.",
        identity={"name": "나신고", "phone": "010-9090-9090"},
    )
    report_svc.designate_officer(head, officer)

    case = taxpayer_svc.receive_case(
        officer, kind="grievance", summary="재산세 부과가 잘못되었습니다.", tax_item="재산세", taxpayer=OTHER
    )
    protection = protection_svc.request_protection(people["auditor"], details="민원인의 폭언이 계속됩니다.")
    protection_svc.mark_abusive(officer, mine.complainant, handler=people["depthead"], reason="반복 폭언")
    return {
        "mine": mine.case_number,
        "elsewhere": elsewhere.case_number,
        "complainant": str(mine.complainant.public_id),
        "construction": construction.pk,
        "construction_code": construction.code,
        "petition": petition.case_number,
        "board": [m.pk for m in board],
        "board_member": board[1].pk,
        "board_day": board_day.isoformat(),
        "committee_member": committee[1].pk,
        "committee_day": committee_day.isoformat(),
        "report": report.case_number,
        "officer": str(officer.public_id),
        "taxpayer": case.case_number,
        "protection_request": protection.pk,
        "today": today,
    }


def import_check_job(world) -> str:
    """A checked grievance file of the complaints officer, waiting for confirmation (made per test: confirming it
    deletes its upload, which no transaction brings back)."""
    from gamsa.complaints.io.pipeline import GRIEVANCE_IMPORT
    from gamsa.core import imports
    from gamsa.core.models import User

    job = imports.accept_upload(GRIEVANCE_IMPORT, User.objects.get(username="complaints"), csv_upload())
    return str(job.public_id)


def request_for(row: str, world: dict, creating: bool = True) -> tuple[str, str, dict]:
    """(method, url, data) of one row (`creating=False`: the URL only, without making the row's per-test objects).
    The API rows' data is JSON."""
    if row == "api_create":
        return API_CREATE
    if row == "api_transition":
        return "post", f"/api/v1/grievances/{world['mine']}/transitions", {"action": "start", "data": {}}
    g, other, p = world["mine"], world["elsewhere"], world["petition"]
    r, t, person = world["report"], world["taxpayer"], world["complainant"]
    today = world["today"]
    board, committee = world["board_day"], world["committee_day"]
    later = (today + dt.timedelta(days=1)).isoformat()
    text = "현장을 확인했고 이번 주 안에 고치겠습니다."
    grievance_form = {
        "channel": "phone",
        "kind": "grievance",
        "name": "홍매트",
        "phone": "010-1212-3434",
        "title": "신길로 보도 파손",
        "body": "신길로 3 앞 보도가 파손되었습니다.",
        "households": 1,
        "signatories": 1,
    }
    acts = {
        "assign": {"department": world["construction"]},
        "acknowledge": {},
        "start": {},
        "supplement": {"reason": "사진을 보내 주세요."},
        "site_survey": {"days": 5, "reason": "현장 확인"},
        "survey_extend": {"days": 3, "reason": "추가 확인"},
        "resume": {},
        "extend": {"reason": "fact_check", "reason_detail": "현장 확인이 더 필요합니다.", "amount": 3},
        "answer": {"method": "document", "outcome": "accepted", "text": text},
        "close": {},
        "transfer": {"agency": "서울특별시", "reason": "시 소관 시설입니다."},
        "reject": {"reasons": "내용이 불명확합니다.", "remedies": "행정심판을 청구할 수 있습니다."},
        "withdraw": {"reason": "민원인이 취하했습니다."},
        "progress": {"reason": "처리 중입니다."},
        "review": {"candidate": other, "decision": "dismissed"},
        "joint": {"candidate": other, "note": "같은 가로등"},
        "closure_request": {"reason": "같은 민원을 반복합니다."},
        "refile": {"channel": "phone", "title": "[재민원] 가로등", "body": "아직도 꺼져 있습니다."},
        "unlock_status": {},
        "unknown": {},
    }
    petition_acts = {
        "disclosure": {"disclose": "yes", "reason": ""},
        "extend": {"amount": 30, "reason": "관계 기관 협의"},
        "decide": {"result": "자전거 도로를 정비하겠습니다."},
        "not_process": {"reason": "proceedings", "detail": "소송이 진행 중입니다."},
        "repeat": {"original": p},
        "withdraw": {"note": "청원인이 취하했습니다."},
        "objection": {"reason": "결과에 이의가 있습니다."},
        "objection_decide": {"decision": "이의를 받아들이지 않습니다."},
        "unknown": {},
    }
    report_acts = {
        "investigate": {"note": "조사 시작"},
        "refer": {"agency": "고용노동부", "reason": "소관 기관"},
        "notice": {"text": "조사를 시작했습니다."},
        "finish": {"result": "시정 조치했습니다."},
        "acrc": {},
        "unknown": {},
    }
    complainant_acts = {
        "incident": {
            "occurred_at": "2026-03-02T10:00",
            "kind": "verbal_abuse",
            "description": "전화로 폭언.",
        },
        "handler": {"handler": "", "reason": "전담자 지정"},
        "unmark": {"reason": "해제"},
        "unknown": {},
    }
    table = {
        "g_list": ("get", "/grievances/", {}),
        "g_overdue": ("get", "/grievances/overdue/", {}),
        "g_create": ("get", "/grievances/new/", {}),
        "g_create_post": ("post", "/grievances/new/", grievance_form),
        "g_detail": ("get", f"/grievances/{g}/", {}),
        "g_detail_elsewhere": ("get", f"/grievances/{other}/", {}),
        "g_upload": (
            "post",
            f"/grievances/{g}/files/",
            {"file": SimpleUploadedFile("사진.png", png_bytes(), content_type="image/png")},
        ),
        "public_file": ("get", "/minwon/", {}),
        "public_file_post": (
            "post",
            "/minwon/",
            {
                "name": "공개접수",
                "phone": "010-8080-8080",
                "title": "가로수 정비",
                "body": "가로수 가지가 전선에 닿습니다.",
                "address": "서울 영등포구 신길로 8",
                "agree": "on",
                "notice_channel": "none",
            },
        ),
        "public_receipt": ("get", "/minwon/receipt/", {}),
        "public_status": ("get", "/minwon/status/", {}),
        "public_status_post": (
            "post",
            "/minwon/status/",
            {"case_number": g, "pin": "00000000", "phone_tail": "4242"},
        ),
        "public_survey": ("post", "/minwon/status/survey/", {"score": 5, "case_number": g}),
        "public_end": ("post", "/minwon/status/end/", {}),
        "public_mine": ("get", "/minwon/mine/", {}),
        "inspection": ("get", "/grievances-io/inspection/", {}),
        "inspection_department": (
            "get",
            f"/grievances-io/inspection/{today.year}/1/{world['construction_code']}/",
            {},
        ),
        "inspection_department_post": (
            "post",
            f"/grievances-io/inspection/{today.year}/1/{world['construction_code']}/",
            {"letter": "점검 결과를 알립니다."},
        ),
        "inspection_export": ("post", f"/grievances-io/inspection/{today.year}/1/export/xlsx/", {}),
        "io_import": ("get", "/grievances-io/import/", {}),
        "io_import_post": ("post", "/grievances-io/import/", {"file": csv_upload()}),
        "io_import_job": ("get", "/grievances-io/import/{job}/", {}),
        "io_import_confirm": ("post", "/grievances-io/import/{job}/confirm/", {}),
        "g_handler_options": ("get", "/grievances/handlers/", {"department": world["construction"]}),
        "io_export": ("post", "/grievances-io/export/", {"q": "가로등"}),
        "io_export_personal": ("post", "/grievances-io/export/", {"q": "가로등", "include_personal": "on"}),
        "p_list": ("get", "/petitions/", {}),
        "p_new": ("get", "/petitions/new/", {}),
        "p_new_post": (
            "post",
            "/petitions/new/",
            {**PERSON, "matter": "system", "title": "공원 조명", "body": "공원에 조명을 설치해 주세요."},
        ),
        "p_detail": ("get", f"/petitions/{p}/", {}),
        "p_board": ("get", "/petitions/board/", {}),
        "p_board_member_add": (
            "post",
            "/petitions/board/members/add/",
            {
                "name": "신위원",
                "affiliation": "교수",
                "is_outside": "on",
                "term_start": today.isoformat(),
                "term_end": (today + dt.timedelta(days=300)).isoformat(),
            },
        ),
        "p_board_member_end": (
            "post",
            "/petitions/board/members/end/",
            {"member": world["board_member"], "on": today.isoformat()},
        ),
        "p_meeting_new": (
            "post",
            "/petitions/board/meetings/new/",
            {"held_on": today.isoformat(), "attendees": world["board"]},
        ),
        "p_meeting": ("get", f"/petitions/board/meetings/{board}/", {}),
        "p_meeting_minutes": (
            "post",
            f"/petitions/board/meetings/{board}/minutes/",
            {"minutes": "심의했습니다."},
        ),
        "cheongwon": ("get", "/cheongwon/", {}),
        "cheongwon_post": (
            "post",
            "/cheongwon/",
            {
                **OTHER,
                "matter": "system",
                "title": "놀이터 보수",
                "body": "놀이터를 고쳐 주세요.",
                "agree": "on",
            },
        ),
        "cheongwon_receipt": ("get", "/cheongwon/receipt/", {}),
        "c_meetings": ("get", "/committee/", {}),
        "c_meeting_new": (
            "post",
            "/committee/meetings/new/",
            {"held_on": later, "attendees": [world["committee_member"]]},
        ),
        "c_meeting": ("get", f"/committee/meetings/{committee}/", {}),
        "c_item_add": (
            "post",
            f"/committee/meetings/{committee}/items/",
            {"case_number": other, "topic": "long_unresolved", "summary": "장기 미해결"},
        ),
        "c_item_decide": (
            "post",
            f"/committee/meetings/{committee}/items/{g}/decide/",
            {"decision": "approved", "decision_text": "원안대로"},
        ),
        "c_minutes": ("post", f"/committee/meetings/{committee}/minutes/", {"minutes": "심의했습니다."}),
        "c_members": ("get", "/committee/members/", {}),
        "c_member_add": ("post", "/committee/members/add/", {"name": "강위원", "seat": "outside_expert"}),
        "c_member_remove": ("post", "/committee/members/remove/", {"member": world["committee_member"]}),
        "c_review": ("get", "/committee/review/", {}),
        "r_list": ("get", "/complaints/reports/", {}),
        "r_create": ("get", "/complaints/reports/new/", {}),
        "r_create_post": (
            "post",
            "/complaints/reports/new/",
            {"subject": "환경", "summary": "폐수를 몰래 버립니다.", "name": "익명아님"},
        ),
        "r_export": ("get", "/complaints/reports/export.csv", {}),
        "r_detail": ("get", f"/complaints/reports/{r}/", {}),
        "r_identity": ("get", f"/complaints/reports/{r}/identity/", {}),
        "r_identity_post": ("post", f"/complaints/reports/{r}/identity/", {"note": "연락이 필요합니다."}),
        "r_officers": ("get", "/complaints/reports/officers/", {}),
        "r_officer_designate": ("post", "/complaints/reports/officers/designate/", {"officer": ""}),
        "r_officer_revoke": ("post", f"/complaints/reports/officers/{world['officer']}/revoke/", {}),
        "t_list": ("get", "/complaints/taxpayer/", {}),
        "t_create": ("get", "/complaints/taxpayer/new/", {}),
        "t_create_post": (
            "post",
            "/complaints/taxpayer/new/",
            {"kind": "consultation", "name": "세납부", "summary": "취득세 문의"},
        ),
        "t_detail": ("get", f"/complaints/taxpayer/{t}/", {}),
        "t_close": ("post", f"/complaints/taxpayer/{t}/close/", {"measure": "부과를 취소했습니다."}),
        "s_index": ("get", "/complaints/protection/", {}),
        "s_mark": (
            "post",
            "/complaints/protection/mark/",
            {"case_number": g, "handler": "", "reason": "반복 폭언"},
        ),
        "s_requests": ("get", "/complaints/protection/requests/", {}),
        "s_request_create": (
            "post",
            "/complaints/protection/requests/new/",
            {"details": "폭언이 계속됩니다."},
        ),
        "s_request_decide": (
            "post",
            "/complaints/protection/requests/decide/",
            {"request_id": world["protection_request"], "grant": "1", "response": "담당자를 바꿨습니다."},
        ),
        "s_consultations": ("get", "/complaints/protection/consultations/", {}),
        "s_consultation_create": (
            "post",
            "/complaints/protection/consultations/new/",
            {
                "expert_kind": "lawyer",
                "expert_name": "정변호",
                "consulted_on": today.isoformat(),
                "question": "대응 방법",
                "advice": "기록을 남기세요.",
                "fee": 0,
            },
        ),
        "s_complainant": ("get", f"/complaints/protection/complainants/{person}/", {}),
        "api_list": ("get", "/api/v1/grievances", {}),
        "api_detail": ("get", f"/api/v1/grievances/{g}", {}),
        "api_similar": ("get", f"/api/v1/grievances/{g}/similar", {}),
    }
    for action, data in acts.items():
        table[f"g_act_{action}"] = ("post", f"/grievances/{g}/act/{action}/", data)
    for action, data in petition_acts.items():
        table[f"p_act_{action}"] = ("post", f"/petitions/{p}/act/{action}/", data)
    for action, data in report_acts.items():
        table[f"r_act_{action}"] = ("post", f"/complaints/reports/{r}/act/{action}/", data)
    for action, data in complainant_acts.items():
        table[f"s_complainant_{action}"] = (
            "post",
            f"/complaints/protection/complainants/{person}/{action}/",
            data,
        )
    if row in ("io_import_job", "io_import_confirm"):
        method, url, data = table[row]
        table[row] = (
            method,
            url.format(job=import_check_job(world) if creating else str(uuid.UUID(int=0))),
            data,
        )
    if row in ("s_mark", "s_complainant_handler"):
        table[row][2]["handler"] = _user_pk("depthead")
    if row == "r_officer_designate":
        table[row][2]["officer"] = _user_pk("investigator")
    return table[row]


def _user_pk(username: str) -> int:
    from gamsa.core.models import User

    return User.objects.get(username=username).pk


API_CREATE = (
    "post",
    "/api/v1/grievances",
    {
        "channel": "phone",
        "kind": "grievance",
        "title": "신길로 가로등 고장",
        "body": "신길로 20 앞 가로등이 꺼져 있습니다.",
        "name": "최에이",
        "phone": "010-2222-3333",
    },
)
