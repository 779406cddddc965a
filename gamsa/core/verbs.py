"""Korean labels of the event log's verbs (the log stores English codes; people read Korean)."""

LABELS = {
    "access_log.pruned": "접근기록 보존기간 경과분 삭제", "agency.created": "기관 등록", "api_token.issued": "API 토큰 발급",
    "api_token.revoked": "API 토큰 폐기", "auth.login": "로그인", "auth.logout": "로그아웃", "auth.otp_enrolled": "2단계 인증 등록",
    "auth.otp_verified": "2단계 인증", "closure.added": "휴무일 등록", "closure.removed": "휴무일 삭제",
    "deadline_rule.created": "처리기간 규칙 등록", "deadline_rule.updated": "처리기간 규칙 변경", "job.created": "작업 시작",
    "job.failed": "작업 실패", "job.finished": "작업 완료", "membership.added": "역할 부여", "membership.ended": "역할 종료",
    "person.created": "사용자 등록", "person.flags_changed": "계정 상태 변경", "person.updated": "사용자 정보 변경",
    "unit.created": "조직 등록", "unit.updated": "조직 변경", "attachment.stored": "파일 등록",
    "grievance.received": "접수", "grievance.assigned": "배정", "grievance.reassigned": "부서 재배정",
    "grievance.processing": "처리 시작", "grievance.transferred": "이송", "grievance.supplement_requested": "보완 요청",
    "grievance.site_survey_started": "현장조사 시작", "grievance.site_survey_extended": "현장조사 연장",
    "grievance.resumed": "처리 재개", "grievance.extended": "처리기간 연장", "grievance.progress_notice": "중간 통지",
    "grievance.answered": "답변", "grievance.closed": "종결", "grievance.withdrawn": "취하", "grievance.rejected": "반려",
    "grievance.refiled": "재민원 접수", "grievance.similarity_reviewed": "반복민원 검토",
    "grievance.internal_closure_requested": "내부종결 결재 요청", "grievance.internal_closure_decided": "내부종결 결재",
    "grievances.imported": "민원 가져오기", "inspection.saved": "처리실태 점검 저장",
    "petition.received": "청원 접수", "petition.disclosure_decided": "공개 여부 결정", "petition.extended": "청원 처리기간 연장",
    "petition.decided": "청원 처리", "petition.not_processed": "청원 처리하지 않음", "petition.closed_as_repeat": "반복청원 종결",
    "petition.objection_filed": "이의신청 접수", "petition.objection_decided": "이의신청 결정", "petition.withdrawn": "청원 취하",
    "petition_board.meeting_held": "청원심의회 개최", "petition_board.member_added": "청원심의회 위원 위촉",
    "petition_board.member_ended": "청원심의회 위원 해촉", "petition_board.minutes_recorded": "청원심의회 회의록",
    "committee.meeting_held": "민원조정위원회 개최", "committee.member_added": "민원조정위원 위촉",
    "committee.member_removed": "민원조정위원 해촉", "committee.item_added": "안건 상정", "committee.item_decided": "안건 의결",
    "committee.minutes_recorded": "민원조정위원회 회의록", "report.received": "공익신고 접수", "report.investigating": "조사 시작",
    "report.referred": "조사기관 이첩", "report.notice_sent": "신고자 통지", "report.finished": "처리 완료",
    "report.acrc_reported": "권익위 결과 통보", "report.officer_designated": "지정 담당자 지정", "report.officer_revoked": "지정 해제",
    "taxpayer.received": "납세자보호관 접수", "taxpayer.closed": "납세자보호관 처리 완료",
    "complainant.marked_abusive": "특이민원인 지정", "complainant.unmarked_abusive": "특이민원인 해제",
    "complainant.handler_changed": "전담자 변경", "complainant.incident_recorded": "특이민원 발생 기록",
    "protection.requested": "보호 요청", "protection.decided": "보호 조치", "consultation.recorded": "전문가 자문 기록",
}


def label(verb: str) -> str:
    return LABELS.get(verb, verb)
