"""Every write on a petition (청원법, 2020 전부개정) and on the 청원심의회.

Each function runs in one transaction, checks the workflow, writes one Event and returns what it changed.
Errors the user can fix raise `PetitionError` with a Korean message citing the article that decides.

The processing clock (법 제21조②): 90 days from receipt, not counting the 공개 여부 결정 period (법 제13조①, at most
15 days) and the 30-day public comment window (법 제13조②) of a 공개청원. Both excluded stretches are added to the
start of the count and the due moment is computed by the legal calendar (`deadline_for("petition", ...)`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gamsa.complaints.grievances.services import GrievanceError, find_or_create_complainant
from gamsa.complaints.petitions.models import BoardMeeting, BoardMember, Petition, PetitionObjection
from gamsa.core import calendar as legal
from gamsa.core.models import DeadlineRule, User
from gamsa.core.services import next_case_number, record_event
from gamsa.core.validators import reject_rrn
from gamsa.text.similarity import cosine, vectorize

Status = Petition.Status


class PetitionError(ValueError):
    """A refused action; the message is Korean and safe to show."""


OPEN_STATUSES = (Status.RECEIVED, Status.DISCLOSURE_REVIEW, Status.PUBLIC_COMMENT, Status.UNDER_REVIEW)
FINISHED_STATUSES = (Status.DECIDED, Status.NOT_PROCESSED, Status.CLOSED_REPEAT)

# 청원사항 (법 제5조). Only 3 and 4 may be filed as a 공개청원 (법 제11조②).
MATTERS = [
    ("relief", "피해의 구제 (제5조제1호)"),
    ("official", "공무원의 위법·부당한 행위에 대한 시정이나 징계 요구 (제5조제2호)"),
    ("law", "법률·명령·조례·규칙 등의 제정·개정 또는 폐지 (제5조제3호)"),
    ("system", "공공의 제도 또는 시설의 운영 (제5조제4호)"),
    ("other", "그 밖에 청원기관의 권한에 속하는 사항 (제5조제5호)"),
]
PUBLIC_MATTERS = {"law", "system"}

# 청원 처리의 예외 (법 제6조): the petition is not processed and the petitioner is told why.
NOT_PROCESSED_REASONS = [
    ("secret", "국가기밀 또는 공무상 비밀에 관한 사항 (제6조제1호)"),
    (
        "proceedings",
        "감사·수사·재판·행정심판·조정·중재 등 다른 법령에 의한 조사·불복 또는 구제절차가 진행 중인 사항 (제6조제2호)",
    ),
    (
        "false",
        "허위의 사실로 타인을 형사처분 또는 징계처분 받게 하거나 국가기관 등을 중상모략하는 사항 (제6조제3호)",
    ),
    ("privacy", "개인 간의 권리관계 또는 개인의 사생활에 관한 사항 (제6조제4호)"),
    ("unclear", "청원인의 성명·주소 등이 불분명하거나 청원내용이 불명확한 사항 (제6조제5호)"),
]

REPEAT_THRESHOLD = (
    0.45  # cosine of char-gram vectors at which an earlier petition of the same person is proposed
)


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("petitioner").get(pk=petition.pk)


def _deadline(kind: str, start: dt.datetime) -> dt.datetime:
    try:
        return legal.deadline_for(kind, start).due_at
    except legal.CalendarError as exc:
        raise PetitionError(str(exc)) from None


def _require_open(p: Petition, what: str) -> None:
    if p.status not in OPEN_STATUSES:
        raise PetitionError(f"'{p.get_status_display()}' 상태의 청원은 {what}할 수 없습니다.")


def _check_text(*texts: str) -> None:
    for text in texts:
        try:
            reject_rrn(text)
        except ValidationError as exc:
            raise PetitionError(exc.messages[0]) from None


# --- the clock ---------------------------------------------------------------------------------------------------


def disclosure_due(p: Petition) -> dt.datetime:
    """공개 여부 결정 기한: 15 days from receipt (법 제13조①)."""
    return _deadline("petition_disclosure", p.received_at)


def processing_due(received_at: dt.datetime, excluded_days: int) -> dt.datetime:
    """90 days (법 제21조②) counted after the excluded days, by the calendar's 민법 counting."""
    return _deadline("petition", received_at + dt.timedelta(days=excluded_days))


def is_open(p: Petition) -> bool:
    return p.status in OPEN_STATUSES


# --- intake ------------------------------------------------------------------------------------------------------


@transaction.atomic
def receive_petition(
    actor: User | None,
    *,
    title: str,
    body: str,
    petitioner: dict,
    is_public_request: bool = False,
    matter: str = "",
    channel: str = "staff",
    received_at: dt.datetime | None = None,
) -> Petition:
    """Register a petition (법 제11조) and start its clock; a 공개청원 first waits for the disclosure decision."""
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise PetitionError("청원 제목과 내용을 모두 입력하세요 (청원법 제11조①).")
    _check_text(title, body)
    if matter and matter not in dict(MATTERS):
        raise PetitionError("청원 사항을 목록에서 고르세요.")
    if is_public_request and matter not in PUBLIC_MATTERS:
        raise PetitionError(
            "공개청원은 법령·조례의 제정·개정·폐지나 공공의 제도·시설 운영에 관한 청원만 할 수 있습니다 "
            "(청원법 제11조②, 제5조제3호·제4호)."
        )
    try:
        person = find_or_create_complainant(**petitioner)
    except GrievanceError:
        raise PetitionError(
            "청원인의 성명을 입력하세요 (청원법 제6조제5호: 성명·주소가 불분명하면 처리하지 않습니다)."
        ) from None
    received_at = received_at or timezone.now()
    local = received_at.astimezone(legal.SEOUL)
    case_number, _ = next_case_number("petition", local.year)
    if is_public_request:
        # Until the decision the whole 15-day period is assumed excluded; decide_disclosure recomputes.
        status = Status.DISCLOSURE_REVIEW
        decision_due = _deadline("petition_disclosure", received_at)
        due = processing_due(received_at, (decision_due.date() - local.date()).days)
    else:
        status, due = Status.RECEIVED, processing_due(received_at, 0)
    p = Petition.objects.create(
        case_number=case_number,
        petitioner=person,
        title=title,
        body=body,
        is_public_request=is_public_request,
        received_at=received_at,
        due_at=due,
        status=status,
        created_by=actor if actor and actor.pk else None,
    )
    record_event(
        actor,
        "petition.received",
        p,
        channel=channel,
        matter=matter,
        public_request=is_public_request,
        due_at=due,
    )
    return p


# --- 공개청원 (법 제13조) ------------------------------------------------------------------------------------------


@transaction.atomic
def decide_disclosure(
    actor: User, petition: Petition, *, disclose: bool, reason: str = "", now: dt.datetime | None = None
) -> Petition:
    """공개 여부 결정 (법 제13조①). Disclosed: a 30-day comment window opens; the clock is recomputed."""
    p = _lock(petition)
    if not p.is_public_request or p.status != Status.DISCLOSURE_REVIEW:
        raise PetitionError("공개 여부를 결정할 공개청원이 아닙니다.")
    if not disclose and not reason.strip():
        raise PetitionError(
            "공개하지 않기로 결정한 이유를 적으세요. 청원인은 이에 대해 이의신청할 수 있습니다 (청원법 제22조)."
        )
    now = now or timezone.now()
    if now < p.received_at:
        raise PetitionError("결정일이 접수일보다 빠를 수 없습니다.")
    decision_due = disclosure_due(p)
    received_day = p.received_at.astimezone(legal.SEOUL).date()
    # Only the legal decision period is excluded; a late decision eats into the 90 days.
    excluded = (min(now, decision_due).astimezone(legal.SEOUL).date() - received_day).days
    p.disclosure_decided_at, p.disclosed = now, disclose
    if disclose:
        p.comment_until = _deadline("petition_comment", now)
        excluded += (p.comment_until.astimezone(legal.SEOUL).date() - now.astimezone(legal.SEOUL).date()).days
        p.status = Status.PUBLIC_COMMENT
    else:
        p.status = Status.UNDER_REVIEW
    previous = p.due_at
    p.due_at = processing_due(p.received_at, excluded)
    p.save(update_fields=["disclosure_decided_at", "disclosed", "comment_until", "status", "due_at"])
    record_event(
        actor,
        "petition.disclosure_decided",
        p,
        disclosed=disclose,
        reason=reason.strip(),
        late=now > decision_due,
        comment_until=p.comment_until,
        previous_due=previous,
        due_at=p.due_at,
        excluded_days=excluded,
    )
    return p


# --- extension (법 제21조③) ---------------------------------------------------------------------------------------


def extension_limit() -> int:
    rule = DeadlineRule.objects.filter(kind="petition_extension", active=True).first()
    return rule.amount if rule else 60


@transaction.atomic
def extend(actor: User, petition: Petition, *, amount: int, reason: str) -> Petition:
    p = _lock(petition)
    _require_open(p, "연장")
    if p.status == Status.DISCLOSURE_REVIEW:
        raise PetitionError("공개 여부를 먼저 결정하세요. 처리기간은 그 뒤에 확정됩니다.")
    if p.extended:
        raise PetitionError("청원 처리기간은 한 차례만 연장할 수 있습니다 (청원법 제21조③).")
    limit = extension_limit()
    if not 1 <= amount <= limit:
        raise PetitionError(f"연장 기간은 {limit}일 이내여야 합니다 (청원법 제21조③).")
    if not reason.strip():
        raise PetitionError(
            "연장 사유를 적으세요. 사유와 처리 예정기한을 청원인에게 알려야 합니다 (청원법 제21조③)."
        )
    previous = p.due_at
    p.due_at = legal.get_calendar().extend(previous, "calendar_days", amount, "days")
    p.extended, p.extension_reason = True, reason.strip()
    p.save(update_fields=["due_at", "extended", "extension_reason"])
    notice = (
        f"청원({p.case_number}) 처리기간 연장 안내\n사유: {reason.strip()}\n"
        f"종전 처리기한: {legal.format_moment(previous)}\n변경 처리기한: {legal.format_moment(p.due_at)}\n근거: 청원법 제21조③"
    )
    record_event(
        actor, "petition.extended", p, amount=amount, previous_due=previous, due_at=p.due_at, notice=notice
    )
    return p


# --- results -----------------------------------------------------------------------------------------------------


@transaction.atomic
def decide(actor: User, petition: Petition, *, result: str, now: dt.datetime | None = None) -> Petition:
    """처리결과 통지 (법 제21조②, 영 제16조): in writing, with reasons."""
    p = _lock(petition)
    _require_open(p, "처리")
    if not result.strip():
        raise PetitionError("처리 결과를 적으세요 (청원법 시행령 제16조: 결과와 이유를 알려야 합니다).")
    _check_text(result)
    now = now or timezone.now()
    if p.status == Status.DISCLOSURE_REVIEW:
        raise PetitionError("공개청원은 공개 여부를 먼저 결정해야 합니다 (청원법 제13조①).")
    if p.status == Status.PUBLIC_COMMENT and p.comment_until and now < p.comment_until:
        raise PetitionError(
            f"국민 의견 수렴 기간({legal.format_moment(p.comment_until)}까지)이 끝난 뒤에 처리결과를 통지하세요 (청원법 제13조②)."
        )
    p.status, p.result, p.decided_at = Status.DECIDED, result.strip(), now
    p.save(update_fields=["status", "result", "decided_at"])
    record_event(actor, "petition.decided", p, on_time=now <= p.due_at)
    return p


@transaction.atomic
def not_process(
    actor: User, petition: Petition, *, reason: str, detail: str, now: dt.datetime | None = None
) -> Petition:
    """처리하지 않음 (법 제6조); the petitioner is told which ground applies and why."""
    p = _lock(petition)
    _require_open(p, "처리하지 않음으로 종결")
    labels = dict(NOT_PROCESSED_REASONS)
    if reason not in labels:
        raise PetitionError("처리하지 않는 사유를 청원법 제6조 각 호 가운데에서 고르세요.")
    if not detail.strip():
        raise PetitionError("청원인에게 알릴 구체적인 이유를 적으세요 (청원법 제6조: 사유를 알려야 합니다).")
    now = now or timezone.now()
    p.status, p.decided_at = Status.NOT_PROCESSED, now
    p.result = f"청원법 제6조에 따라 처리하지 않습니다. 사유: {labels[reason]}\n{detail.strip()}"
    p.save(update_fields=["status", "result", "decided_at"])
    record_event(actor, "petition.not_processed", p, reason=reason)
    return p


@transaction.atomic
def withdraw(actor: User, petition: Petition, *, note: str = "", now: dt.datetime | None = None) -> Petition:
    p = _lock(petition)
    _require_open(p, "취하")
    p.status, p.decided_at = Status.WITHDRAWN, now or timezone.now()
    p.save(update_fields=["status", "decided_at"])
    record_event(actor, "petition.withdrawn", p, note=note)
    return p


# --- 반복청원 (법 제16조) ----------------------------------------------------------------------------------------


def same_petitioner(a: Petition, b: Petition) -> bool:
    if a.petitioner_id == b.petitioner_id:
        return True
    pa, pb = a.petitioner, b.petitioner
    return bool(pa.phone_key) and pa.name_key == pb.name_key and pa.phone_key == pb.phone_key


def repeat_candidates(p: Petition, limit: int = 5) -> list[dict]:
    """Earlier petitions of the same person (normalised name and phone) with similar text: a proposal only."""
    person = p.petitioner
    same = Q(petitioner_id=person.pk)
    if person.phone_key:
        same |= Q(petitioner__name_key=person.name_key, petitioner__phone_key=person.phone_key)
    earlier = (
        Petition.objects.filter(same, received_at__lte=p.received_at)
        .exclude(pk=p.pk)
        .order_by("-received_at")[:50]
    )
    mine = vectorize(f"{p.title} {p.body}")
    out = []
    for other in earlier:
        score = cosine(mine, vectorize(f"{other.title} {other.body}"))
        if score >= REPEAT_THRESHOLD:
            out.append({"petition": other, "score": round(score, 2)})
    out.sort(key=lambda c: -c["score"])
    return out[:limit]


@transaction.atomic
def close_as_repeat(
    actor: User, petition: Petition, *, original: Petition, note: str = "", now: dt.datetime | None = None
) -> Petition:
    """반복청원 종결 (법 제16조①): the same person, the same content, the same body; the closure is notified."""
    p = _lock(petition)
    _require_open(p, "반복청원으로 종결")
    if original.pk == p.pk:
        raise PetitionError("같은 청원끼리는 반복청원으로 볼 수 없습니다.")
    if not same_petitioner(p, original):
        raise PetitionError("반복청원은 같은 청원인이 같은 내용으로 낸 청원이어야 합니다 (청원법 제16조①).")
    if original.received_at > p.received_at:
        raise PetitionError("먼저 접수된 청원을 원 청원으로 고르세요.")
    now = now or timezone.now()
    p.status, p.repeat_of, p.decided_at = Status.CLOSED_REPEAT, original, now
    p.result = (
        f"이 청원은 {original.case_number}({legal.format_moment(original.received_at)} 접수)과 같은 내용의 반복청원이므로 "
        f"청원법 제16조①에 따라 종결합니다." + (f"\n{note.strip()}" if note.strip() else "")
    )
    p.save(update_fields=["status", "repeat_of", "decided_at", "result"])
    record_event(actor, "petition.closed_as_repeat", p, original=original.case_number)
    return p


# --- 이의신청 (법 제22조) ----------------------------------------------------------------------------------------


def objection_basis(p: Petition, now: dt.datetime) -> tuple[dt.datetime, str] | None:
    """The moment the 30-day objection window runs from, and what it is; None when no objection is possible."""
    if p.decided_at and p.status in FINISHED_STATUSES:
        return p.decided_at, "처리결과 통지"
    if p.disclosed is False and p.disclosure_decided_at:
        return p.disclosure_decided_at, "공개 부적합 결정"
    if p.status in OPEN_STATUSES and now > p.due_at:
        return p.due_at, "처리기간 경과"
    return None


@transaction.atomic
def file_objection(
    actor: User | None, petition: Petition, *, reason: str, filed_at: dt.datetime | None = None
) -> PetitionObjection:
    p = _lock(petition)
    filed_at = filed_at or timezone.now()
    if not reason.strip():
        raise PetitionError("이의신청 이유를 적으세요 (청원법 제22조①: 문서로 신청).")
    basis = objection_basis(p, filed_at)
    if basis is None:
        raise PetitionError(
            "이의신청은 공개 부적합 결정이나 처리결과 통지를 받은 뒤, 또는 처리기간이 지난 뒤에 할 수 있습니다 (청원법 제22조①)."
        )
    if p.objections.filter(decided_at__isnull=True).exists():
        raise PetitionError("결정하지 않은 이의신청이 이미 있습니다.")
    since, label = basis
    limit = _deadline("petition_objection_filing", since)
    if filed_at > limit:
        raise PetitionError(
            f"이의신청 기간이 지났습니다. {label}({legal.format_moment(since)})부터 30일 이내, "
            f"{legal.format_moment(limit)}까지 신청해야 합니다 (청원법 제22조①)."
        )
    objection = PetitionObjection.objects.create(
        petition=p,
        filed_at=filed_at,
        reason=reason.strip(),
        due_at=_deadline("petition_objection_decision", filed_at),
    )
    record_event(actor, "petition.objection_filed", p, basis=label, due_at=objection.due_at)
    return objection


@transaction.atomic
def decide_objection(
    actor: User, petition: Petition, *, decision: str, now: dt.datetime | None = None
) -> PetitionObjection:
    p = _lock(petition)
    objection = p.objections.filter(decided_at__isnull=True).order_by("filed_at").first()
    if objection is None:
        raise PetitionError("결정할 이의신청이 없습니다.")
    if not decision.strip():
        raise PetitionError("이의신청에 대한 결정과 그 이유를 적으세요 (청원법 제22조②).")
    now = now or timezone.now()
    objection.decision, objection.decided_at = decision.strip(), now
    objection.save(update_fields=["decision", "decided_at"])
    record_event(actor, "petition.objection_decided", p, on_time=now <= objection.due_at)
    return objection


# --- 청원심의회 (법 제8조, 영 제3조) -------------------------------------------------------------------------------

BOARD_MIN, BOARD_MAX = 5, 7
OUTSIDE_TERM_YEARS = 2


def board_members_on(day: dt.date):
    return BoardMember.objects.filter(term_start__lte=day, term_end__gte=day).order_by("-is_chair", "name")


def board_problems(day: dt.date) -> list[str]:
    """What is wrong with the board's composition on `day` (empty when it may meet)."""
    members = list(board_members_on(day))
    total = len(members)
    outside = sum(1 for m in members if m.is_outside)
    chairs = sum(1 for m in members if m.is_chair)
    problems = []
    if not BOARD_MIN <= total <= BOARD_MAX:
        problems.append(
            f"청원심의회는 위원장을 포함해 {BOARD_MIN}명 이상 {BOARD_MAX}명 이하로 구성해야 합니다 "
            f"(현재 {total}명, 청원법 제8조, 시행령 제3조)."
        )
    if outside * 2 < total or total == 0:
        problems.append(
            f"외부 전문가 위원이 전체 위원의 2분의 1 이상이어야 합니다 (현재 외부위원 {outside}명 / 전체 {total}명, "
            "청원법 제8조, 시행령 제3조)."
        )
    if chairs != 1:
        problems.append(f"위원장이 1명 있어야 합니다 (현재 {chairs}명).")
    return problems


@transaction.atomic
def add_board_member(
    actor: User,
    *,
    name: str,
    affiliation: str,
    is_outside: bool,
    is_chair: bool,
    term_start: dt.date,
    term_end: dt.date,
) -> BoardMember:
    if not name.strip() or not affiliation.strip():
        raise PetitionError("위원의 성명과 소속·직위를 입력하세요.")
    if term_end < term_start:
        raise PetitionError("임기 종료일이 시작일보다 빠릅니다.")
    if is_outside:
        try:
            longest = term_start.replace(year=term_start.year + OUTSIDE_TERM_YEARS)
        except ValueError:  # 29 February
            longest = term_start.replace(year=term_start.year + OUTSIDE_TERM_YEARS, day=28)
        if term_end >= longest:
            raise PetitionError(
                "외부위원의 임기는 2년입니다 (청원법 시행령 제3조). 임기 종료일을 확인하세요."
            )
    if (
        is_chair
        and BoardMember.objects.filter(
            is_chair=True, term_start__lte=term_end, term_end__gte=term_start
        ).exists()
    ):
        raise PetitionError("임기가 겹치는 위원장이 이미 있습니다. 기존 위원장의 임기를 먼저 끝내세요.")
    member = BoardMember.objects.create(
        name=name.strip(),
        affiliation=affiliation.strip(),
        is_outside=is_outside,
        is_chair=is_chair,
        term_start=term_start,
        term_end=term_end,
    )
    record_event(
        actor,
        "petition_board.member_added",
        None,
        name=member.name,
        outside=is_outside,
        chair=is_chair,
        term_start=term_start,
        term_end=term_end,
    )
    return member


@transaction.atomic
def end_board_member(actor: User, member: BoardMember, *, on: dt.date) -> BoardMember:
    if on < member.term_start:
        raise PetitionError("임기 시작일 전으로 임기를 끝낼 수 없습니다.")
    if on >= member.term_end:
        raise PetitionError("이미 그날 이전에 임기가 끝나는 위원입니다.")
    previous = member.term_end
    member.term_end = on
    member.save(update_fields=["term_end"])
    record_event(
        actor, "petition_board.member_ended", None, name=member.name, previous_end=previous, term_end=on
    )
    return member


@transaction.atomic
def hold_board_meeting(
    actor: User, *, held_on: dt.date, attendees, petitions=(), minutes: str = ""
) -> BoardMeeting:
    """A 청원심의회 meeting: composition (5–7, outside ≥ 1/2) and quorum (재적 과반수 출석) are checked here."""
    problems = board_problems(held_on)
    if problems:
        raise PetitionError("청원심의회를 열 수 없습니다. " + " ".join(problems))
    members = {m.pk: m for m in board_members_on(held_on)}
    attendees = list(attendees)
    strangers = [a.name for a in attendees if a.pk not in members]
    if strangers:
        raise PetitionError(f"개최일에 임기 중인 위원이 아닙니다: {', '.join(strangers)}")
    if len(attendees) * 2 <= len(members):
        raise PetitionError(
            f"재적위원 과반수가 출석해야 회의를 열 수 있습니다 (재적 {len(members)}명, 출석 {len(attendees)}명, "
            "청원법 시행령 제3조)."
        )
    if BoardMeeting.objects.filter(held_on=held_on).exists():
        raise PetitionError(f"{held_on:%Y-%m-%d}에 이미 회의가 있습니다. 그 회의에 안건을 더하세요.")
    petitions = list(petitions)
    closed = [p.case_number for p in petitions if p.status not in OPEN_STATUSES]
    if closed:
        raise PetitionError(f"처리가 끝난 청원은 안건으로 올릴 수 없습니다: {', '.join(closed)}")
    meeting = BoardMeeting.objects.create(held_on=held_on, minutes=minutes.strip())
    meeting.attendees.set(attendees)
    meeting.petitions.set(petitions)
    Petition.objects.filter(pk__in=[p.pk for p in petitions], status=Status.RECEIVED).update(
        status=Status.UNDER_REVIEW
    )
    record_event(
        actor,
        "petition_board.meeting_held",
        None,
        held_on=held_on,
        attendees=len(attendees),
        members=len(members),
        petitions=[p.case_number for p in petitions],
    )
    return meeting


@transaction.atomic
def record_board_minutes(actor: User, meeting: BoardMeeting, *, minutes: str) -> BoardMeeting:
    if not minutes.strip():
        raise PetitionError("회의 결과를 적으세요.")
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    record_event(actor, "petition_board.minutes_recorded", None, held_on=meeting.held_on)
    return meeting
