"""Decisions on near-duplicate candidates: a person links the newer record to the earlier one (중복) or dismisses the
pair (별건). Each decision runs in one transaction and records one event; access is checked by the callers with
gamsa/patrols/duplicates/permissions.py."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.patrols.duplicates.selectors import other_of, subject_of
from gamsa.patrols.models import ComplaintStatus, DuplicateCandidate, FieldComplaint, Finding, FindingStatus


class CandidateError(Exception):
    pass


@transaction.atomic
def link_candidate(actor: User, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """A person confirms the duplicate: the newer record points at the earlier one and is marked 중복."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != DuplicateCandidate.Decision.PENDING:
        raise CandidateError("이미 판단한 중복 후보입니다.")
    subject, other = subject_of(candidate), other_of(candidate)
    if isinstance(subject, Finding):
        if not subject.is_open:
            raise CandidateError("이미 끝난 적출사항은 중복으로 연결할 수 없습니다.")
        subject.status = FindingStatus.DUPLICATE
        if isinstance(other, Finding):
            subject.duplicate_of = other
        subject.closed_by = actor
        subject.closed_at = timezone.now()
        subject.save()
    else:
        subject.status = ComplaintStatus.DUPLICATE
        if isinstance(other, FieldComplaint):
            subject.duplicate_of = other
        subject.save()
    candidate.decision = DuplicateCandidate.Decision.LINKED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save()
    record_event(actor, "duplicate.linked", subject, other=other, distance_m=candidate.distance_m)
    return candidate


@transaction.atomic
def dismiss_candidate(actor: User, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """A person decides the two are separate matters (별건)."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != DuplicateCandidate.Decision.PENDING:
        raise CandidateError("이미 판단한 중복 후보입니다.")
    candidate.decision = DuplicateCandidate.Decision.DISMISSED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save()
    record_event(actor, "duplicate.dismissed", subject_of(candidate), other=other_of(candidate))
    return candidate
