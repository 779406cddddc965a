"""Every write of the approval engine. Each runs in one transaction, locks the approval and records one Event.

Permission is checked here too (`ApprovalDenied`): a view that forgot its check still cannot sign for someone else.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from gamsa.core import calendar as legal
from gamsa.core.approvals import kinds, lines
from gamsa.core.approvals import permissions as perms
from gamsa.core.approvals.models import (
    DRAFTER_STATUSES,
    OPEN_APPROVAL_STATUSES,
    RANK_ORDER,
    Absence,
    Approval,
    ApprovalStatus,
    DelegationRule,
    DocumentCounter,
    NumberFormat,
    Position,
    Rank,
    Step,
    StepAction,
    StepRole,
    StepState,
)
from gamsa.core.models import OrgUnit, User
from gamsa.core.services import record_event


class ApprovalError(ValueError):
    """A refusal the user can fix; the message is Korean and shown as is."""


class ApprovalDenied(PermissionError):
    """The actor may not take this step (the view answers 403 or 404)."""


def _today() -> dt.date:
    return timezone.now().astimezone(legal.SEOUL).date()


def _lock(approval: Approval) -> Approval:
    return Approval.objects.select_for_update().select_related("drafter", "unit").get(pk=approval.pk)


def current_step(approval: Approval) -> Step | None:
    return (
        approval.steps.filter(round=approval.round, state=StepState.CURRENT)
        .select_related("assignee")
        .order_by("order")
        .first()
    )


def open_approval_for(document, kind: str) -> Approval | None:
    ct = ContentType.objects.get_for_model(document)
    return (
        Approval.objects.filter(content_type=ct, object_id=str(document.pk), kind=kind)
        .exclude(status__in=(ApprovalStatus.APPROVED, ApprovalStatus.CANCELLED))
        .first()
    )


def latest_approval_for(document, kind: str) -> Approval | None:
    ct = ContentType.objects.get_for_model(document)
    return (
        Approval.objects.filter(content_type=ct, object_id=str(document.pk), kind=kind)
        .order_by("-id")
        .first()
    )


# --- the line ---------------------------------------------------------------------------------------------------


def _write_line(approval: Approval, line: lines.Line, now: dt.datetime) -> None:
    steps = []
    for order, entry in enumerate(line.entries):
        is_draft = entry.role == StepRole.DRAFT
        steps.append(
            Step(
                approval=approval,
                round=approval.round,
                order=order,
                role=entry.role,
                assignee=entry.user,
                rank=entry.rank,
                title=entry.title[:50],
                unit=entry.unit,
                state=StepState.DONE
                if is_draft
                else (StepState.CURRENT if order == 1 else StepState.WAITING),
                action=StepAction.DRAFTED if is_draft else "",
                acted_by=entry.user if is_draft else None,
                acted_at=now if is_draft else None,
            )
        )
    Step.objects.bulk_create(steps)


def _build(kind_code: str, drafter: User, amount, grade, cooperators, on) -> lines.Line:
    kind = kinds.get(kind_code)
    try:
        return lines.build_line(
            kind_code, kind.default_rank, drafter, on=on, amount=amount, grade=grade, cooperators=cooperators
        )
    except lines.LineError as exc:
        raise ApprovalError(str(exc)) from exc


@transaction.atomic
def submit(
    actor: User,
    *,
    kind: str,
    document,
    title: str,
    body: str = "",
    amount: int | None = None,
    grade: str = "",
    payload: dict | None = None,
    cooperators: list[User] | tuple = (),
) -> Approval:
    """상신: the drafter sends a document up its line. One open approval per document and kind."""
    if not title.strip():
        raise ApprovalError("제목을 입력하세요.")
    if amount is not None and amount < 0:
        raise ApprovalError("금액은 0원 이상이어야 합니다.")
    if open_approval_for(document, kind) is not None:
        raise ApprovalError("이 문서는 이미 결재 중입니다. 결재함에서 진행 상황을 확인하세요.")
    now = timezone.now()
    line = _build(kind, actor, amount, grade, cooperators, now.astimezone(legal.SEOUL).date())
    approval = Approval.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(document),
        object_id=str(document.pk),
        title=title.strip()[:200],
        body=body.strip(),
        amount=amount,
        grade=grade,
        payload=payload or {},
        drafter=actor,
        unit=line.department,
        status=ApprovalStatus.IN_PROGRESS,
        signer_rank=line.signer_rank,
        rule=line.rule,
        submitted_at=now,
    )
    _write_line(approval, line, now)
    record_event(
        actor,
        "approval.submitted",
        approval,
        kind=kind,
        signer_rank=line.signer_rank,
        line=[f"{e.title} {e.user.display_name}" for e in line.entries],
    )
    return approval


@transaction.atomic
def resubmit(
    actor: User,
    approval: Approval,
    *,
    title: str | None = None,
    body: str | None = None,
    payload: dict | None = None,
    amount: int | None = None,
    grade: str | None = None,
    cooperators: list[User] | tuple = (),
) -> Approval:
    """재상신 after 반려 or 회수: a new round with a line built again from today's rules."""
    approval = _lock(approval)
    if not perms.can_redraft(actor, approval):
        raise ApprovalDenied
    if approval.status not in DRAFTER_STATUSES:
        raise ApprovalError("반려되었거나 회수한 문서만 다시 올릴 수 있습니다.")
    if title is not None:
        if not title.strip():
            raise ApprovalError("제목을 입력하세요.")
        approval.title = title.strip()[:200]
    if body is not None:
        approval.body = body.strip()
    if payload is not None:
        approval.payload = payload
    if amount is not None:
        approval.amount = amount
    if grade is not None:
        approval.grade = grade
    now = timezone.now()
    line = _build(approval.kind, actor, approval.amount, approval.grade, cooperators, _today())
    approval.round += 1
    approval.status = ApprovalStatus.IN_PROGRESS
    approval.signer_rank, approval.rule, approval.unit = line.signer_rank, line.rule, line.department
    approval.submitted_at, approval.note = now, ""
    approval.save()
    _write_line(approval, line, now)
    record_event(actor, "approval.resubmitted", approval, round=approval.round)
    return approval


# --- acting on a step -------------------------------------------------------------------------------------------


def _acting_step(actor: User, approval: Approval) -> tuple[Step, bool]:
    """The current step and whether `actor` acts for its absent assignee (대결). Raises if they may not act."""
    if approval.status != ApprovalStatus.IN_PROGRESS:
        if approval.status == ApprovalStatus.ON_HOLD:
            raise ApprovalError("보류된 문서입니다. 보류를 푼 뒤에 처리하세요.")
        raise ApprovalError("결재가 진행 중인 문서가 아닙니다.")
    return _step_for(actor, approval)


def _step_for(actor: User, approval: Approval) -> tuple[Step, bool]:
    step = current_step(approval)
    if step is None:
        raise ApprovalError("처리할 단계가 없습니다.")
    if step.assignee_id == actor.pk:
        return step, False
    absence = lines.absence_of(step.assignee_id, _today())
    if absence is not None and absence.acting_id == actor.pk:
        return step, True
    raise ApprovalDenied


def _advance(approval: Approval, step: Step) -> Step | None:
    following = (
        approval.steps.filter(round=approval.round, order__gt=step.order, state=StepState.WAITING)
        .order_by("order")
        .first()
    )
    if following is not None:
        following.state = StepState.CURRENT
        following.save(update_fields=["state"])
    return following


def _mark(step: Step, actor: User, action: str, proxy: bool, opinion: str, now) -> None:
    step.state = StepState.DONE
    step.action = action
    step.acted_by = actor
    step.acted_at = now
    step.proxy = proxy
    step.post_review_needed = proxy
    step.opinion = opinion.strip()
    step.delegated = step.role == StepRole.SIGN and RANK_ORDER[step.rank] < RANK_ORDER[Rank.MAYOR]
    step.save()


def document_number(unit: OrgUnit, when: dt.datetime) -> tuple[str, int]:
    """The next 생산등록번호 of `unit` in `when`'s year, in the format in force. Call inside the signing transaction:
    the counter row stays locked until it commits, and rolls back with it (no gaps)."""
    local = when.astimezone(legal.SEOUL)
    DocumentCounter.objects.get_or_create(unit=unit, year=local.year)
    counter = DocumentCounter.objects.select_for_update().get(unit=unit, year=local.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    fmt = (
        NumberFormat.objects.filter(effective_from__lte=local.date())
        .order_by("-effective_from", "-id")
        .first()
    )
    pattern = fmt.pattern if fmt else "{unit}-{seq}"
    number = pattern.format(unit=unit.short_name or unit.name, year=local.year, seq=counter.last)
    return number, counter.last


@transaction.atomic
def approve(actor: User, approval: Approval, *, opinion: str = "") -> Approval:
    """검토 (a reviewer passes it on) or 결재 (the signer signs: the document comes into being, gets its number and
    the kind's `on_approved` runs in this transaction)."""
    approval = _lock(approval)
    step, proxy = _acting_step(actor, approval)
    if step.role == StepRole.COOPERATE:
        raise ApprovalError("협조 단계에서는 동의·의견·부동의 중 하나를 고르세요.")
    now = timezone.now()
    if step.role == StepRole.REVIEW:
        _mark(step, actor, StepAction.REVIEWED, proxy, opinion, now)
        _advance(approval, step)
        approval.save(update_fields=["updated_at"])
        record_event(actor, "approval.reviewed", approval, step=step.title, proxy=proxy)
        return approval
    _mark(step, actor, StepAction.SIGNED, proxy, opinion, now)
    approval.status = ApprovalStatus.APPROVED
    approval.approved_at = now
    approval.number, approval.number_seq = document_number(approval.unit, now)
    approval.save(update_fields=["status", "approved_at", "number", "number_seq", "updated_at"])
    record_event(
        actor,
        "approval.signed",
        approval,
        number=approval.number,
        delegated=step.delegated,
        proxy=proxy,
        absent_signer=step.assignee.display_name if proxy else "",
    )
    kind = kinds.get(approval.kind)
    if kind.on_approved is not None:
        kind.on_approved(approval, actor)
    return approval


COOPERATION = {
    "agree": StepAction.AGREED,
    "agree_with_opinion": StepAction.AGREED_WITH_OPINION,
    "disagree": StepAction.DISAGREED,
}


@transaction.atomic
def cooperate(actor: User, approval: Approval, *, decision: str, opinion: str = "") -> Approval:
    """협조: the other unit agrees, agrees with an opinion, or disagrees with its reasons; the line goes on and the
    signer sees the opinion."""
    approval = _lock(approval)
    step, proxy = _acting_step(actor, approval)
    if step.role != StepRole.COOPERATE:
        raise ApprovalError("협조 단계가 아닙니다.")
    if decision not in COOPERATION:
        raise ApprovalError("동의, 의견 있음, 부동의 중 하나를 고르세요.")
    if decision != "agree" and not opinion.strip():
        raise ApprovalError("의견이나 부동의 사유를 적으세요.")
    _mark(step, actor, COOPERATION[decision], proxy, opinion, timezone.now())
    _advance(approval, step)
    approval.save(update_fields=["updated_at"])
    record_event(actor, "approval.cooperated", approval, decision=decision, proxy=proxy)
    return approval


@transaction.atomic
def return_to_drafter(actor: User, approval: Approval, *, reason: str) -> Approval:
    """반려: back to the drafter's desk with the reason."""
    approval = _lock(approval)
    step, proxy = _acting_step(actor, approval)
    if not reason.strip():
        raise ApprovalError("반려 사유를 적으세요.")
    now = timezone.now()
    step.state, step.action, step.acted_by, step.acted_at = (
        StepState.RETURNED,
        StepAction.RETURNED,
        actor,
        now,
    )
    step.proxy, step.opinion = proxy, reason.strip()
    step.save()
    approval.steps.filter(round=approval.round, state=StepState.WAITING).update(state=StepState.CLOSED)
    approval.status, approval.note = ApprovalStatus.RETURNED, reason.strip()
    approval.save(update_fields=["status", "note", "updated_at"])
    record_event(actor, "approval.returned", approval, step=step.title, reason=reason.strip(), proxy=proxy)
    kind = kinds.get(approval.kind)
    if kind.on_returned is not None:
        kind.on_returned(approval, actor)
    return approval


@transaction.atomic
def withdraw(actor: User, approval: Approval) -> Approval:
    """회수: the drafter takes the draft back before anyone after them has acted in this round."""
    approval = _lock(approval)
    if not perms.can_redraft(actor, approval):
        raise ApprovalDenied
    if approval.status not in OPEN_APPROVAL_STATUSES:
        raise ApprovalError("결재 중인 문서만 회수할 수 있습니다.")
    acted = (
        approval.steps.filter(round=approval.round).exclude(role=StepRole.DRAFT).exclude(action="").exists()
    )
    if acted:
        raise ApprovalError("다음 결재자가 이미 처리해 회수할 수 없습니다. 반려를 요청하세요.")
    approval.steps.filter(round=approval.round, state__in=(StepState.WAITING, StepState.CURRENT)).update(
        state=StepState.CLOSED
    )
    approval.status, approval.note = ApprovalStatus.WITHDRAWN, ""
    approval.save(update_fields=["status", "note", "updated_at"])
    record_event(actor, "approval.withdrawn", approval)
    return approval


@transaction.atomic
def hold(actor: User, approval: Approval, *, reason: str) -> Approval:
    """보류: the current signer holds the document (it stays on their desk)."""
    approval = _lock(approval)
    step, proxy = _acting_step(actor, approval)
    if not reason.strip():
        raise ApprovalError("보류 사유를 적으세요.")
    approval.status, approval.note = ApprovalStatus.ON_HOLD, reason.strip()
    approval.save(update_fields=["status", "note", "updated_at"])
    record_event(actor, "approval.held", approval, step=step.title, reason=reason.strip(), proxy=proxy)
    return approval


@transaction.atomic
def release(actor: User, approval: Approval) -> Approval:
    """보류 해제: the same step's person (or their acting person) takes the document up again."""
    approval = _lock(approval)
    if approval.status != ApprovalStatus.ON_HOLD:
        raise ApprovalError("보류된 문서가 아닙니다.")
    _step_for(actor, approval)
    approval.status, approval.note = ApprovalStatus.IN_PROGRESS, ""
    approval.save(update_fields=["status", "note", "updated_at"])
    record_event(actor, "approval.released", approval)
    return approval


@transaction.atomic
def cancel(actor: User, approval: Approval, *, reason: str = "") -> Approval:
    """기안 취소: the drafter discards a returned or withdrawn draft; the kind's `on_cancelled` runs."""
    approval = _lock(approval)
    if not perms.can_redraft(actor, approval):
        raise ApprovalDenied
    if approval.status not in DRAFTER_STATUSES:
        raise ApprovalError("반려되었거나 회수한 문서만 취소할 수 있습니다.")
    approval.status, approval.note = ApprovalStatus.CANCELLED, reason.strip()
    approval.save(update_fields=["status", "note", "updated_at"])
    record_event(actor, "approval.cancelled", approval, reason=reason.strip())
    kind = kinds.get(approval.kind)
    if kind.on_cancelled is not None:
        kind.on_cancelled(approval, actor)
    return approval


@transaction.atomic
def confirm_post_review(actor: User, step: Step) -> Step:
    """후결: the absent signer, back, acknowledges what their acting person signed."""
    step = Step.objects.select_for_update().select_related("approval").get(pk=step.pk)
    if step.assignee_id != actor.pk:
        raise ApprovalDenied
    if not step.post_review_needed or step.post_reviewed_at is not None:
        raise ApprovalError("후결할 문서가 아닙니다.")
    step.post_reviewed_at = timezone.now()
    step.save(update_fields=["post_reviewed_at"])
    record_event(actor, "approval.post_reviewed", step.approval, step=step.title)
    return step


# --- the editable data: rules, positions, absences, number format -------------------------------------------------


def _check_rule(fields: dict) -> None:
    lo, hi = fields.get("amount_min"), fields.get("amount_max")
    if (lo is not None and lo < 0) or (hi is not None and hi < 0):
        raise ApprovalError("금액은 0원 이상이어야 합니다.")
    if lo is not None and hi is not None and lo >= hi:
        raise ApprovalError("금액 범위의 '이상'은 '미만'보다 작아야 합니다.")
    if fields.get("signer_rank") not in Rank.values or fields.get("signer_rank") == Rank.STAFF:
        raise ApprovalError("전결권자를 고르세요 (팀장 이상).")


RULE_FIELDS = ("kind", "amount_min", "amount_max", "grade", "signer_rank", "effective_from", "note")


@transaction.atomic
def add_rule(actor: User, **fields) -> DelegationRule:
    if not perms.can_edit_rules(actor):
        raise ApprovalDenied
    _check_rule(fields)
    rule = DelegationRule.objects.create(created_by=actor, **{k: fields.get(k) for k in RULE_FIELDS})
    record_event(actor, "delegation_rule.added", rule, **{k: fields.get(k) for k in RULE_FIELDS})
    return rule


@transaction.atomic
def update_rule(actor: User, rule: DelegationRule, **fields) -> DelegationRule:
    if not perms.can_edit_rules(actor):
        raise ApprovalDenied
    merged = {k: fields.get(k, getattr(rule, k)) for k in RULE_FIELDS}
    _check_rule(merged)
    before = {k: getattr(rule, k) for k in RULE_FIELDS}
    for k, v in merged.items():
        setattr(rule, k, v)
    rule.save()
    record_event(actor, "delegation_rule.updated", rule, before=before, after=merged)
    return rule


@transaction.atomic
def set_position(actor: User, *, user: User, unit: OrgUnit, rank: str, title: str) -> Position:
    """Give a person their signing rank (ends any other active one)."""
    if not perms.can_edit_rules(actor):
        raise ApprovalDenied
    if rank not in Rank.values:
        raise ApprovalError("결재 직급을 고르세요.")
    if not title.strip():
        raise ApprovalError("직위를 적으세요.")
    Position.objects.filter(user=user, active=True).update(active=False)
    position = Position.objects.create(user=user, unit=unit, rank=rank, title=title.strip())
    record_event(actor, "position.set", position, person=user.username, rank=rank, unit=unit.name)
    return position


@transaction.atomic
def end_position(actor: User, position: Position) -> Position:
    if not perms.can_edit_rules(actor):
        raise ApprovalDenied
    position.active = False
    position.save(update_fields=["active", "updated_at"])
    record_event(actor, "position.ended", position, person=position.user.username)
    return position


@transaction.atomic
def add_absence(
    actor: User, *, user: User, starts_on: dt.date, ends_on: dt.date, acting: User, reason: str = ""
) -> Absence:
    if not perms.can_edit_absences(actor, user):
        raise ApprovalDenied
    if ends_on < starts_on:
        raise ApprovalError("종료일이 시작일보다 빠릅니다.")
    if acting.pk == user.pk:
        raise ApprovalError("본인을 직무대리자로 지정할 수 없습니다.")
    if not perms.can_edit_rules(actor) and not lines.acting_candidates(user).filter(pk=acting.pk).exists():
        raise ApprovalError("직무대리자는 같은 부서의 직원 가운데에서 고르세요.")
    if Absence.objects.filter(user=user, starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ApprovalError("같은 기간에 이미 등록된 부재가 있습니다.")
    absence = Absence.objects.create(
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        acting=acting,
        reason=reason.strip(),
        created_by=actor,
    )
    record_event(
        actor,
        "absence.added",
        absence,
        person=user.username,
        acting=acting.username,
        starts=starts_on,
        ends=ends_on,
    )
    return absence


@transaction.atomic
def remove_absence(actor: User, absence: Absence) -> None:
    if not perms.can_edit_absences(actor, absence.user):
        raise ApprovalDenied
    record_event(actor, "absence.removed", absence, person=absence.user.username)
    absence.delete()


@transaction.atomic
def set_number_format(actor: User, *, pattern: str, effective_from: dt.date, note: str = "") -> NumberFormat:
    if not perms.can_edit_rules(actor):
        raise ApprovalError("문서번호 형식을 바꿀 권한이 없습니다.")
    if "{seq}" not in pattern:
        raise ApprovalError("형식에 일련번호 자리 {seq}가 있어야 합니다.")
    try:
        pattern.format(unit="감사담당관", year=2026, seq=1)
    except (KeyError, IndexError, ValueError):
        raise ApprovalError("형식에는 {unit}, {year}, {seq}만 쓸 수 있습니다.") from None
    fmt = NumberFormat.objects.create(pattern=pattern, effective_from=effective_from, note=note.strip())
    record_event(actor, "number_format.set", fmt, pattern=pattern, effective_from=effective_from)
    return fmt
