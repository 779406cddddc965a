"""Reads of near-duplicate candidates shared by the pages of findings, field complaints and the queue."""

from __future__ import annotations

from django.db.models import Q

from gamsa.patrols.models import DuplicateCandidate, Finding


def subject_of(candidate: DuplicateCandidate):
    return candidate.subject_finding or candidate.subject_complaint


def other_of(candidate: DuplicateCandidate):
    return candidate.other_finding or candidate.other_complaint


def pending_for(record) -> list[DuplicateCandidate]:
    """Pending candidates where the record is the subject or the other (for its page)."""
    related = (
        "subject_finding",
        "subject_complaint__item",
        "other_finding",
        "other_complaint__item",
        "subject_finding__category",
        "other_finding__category",
    )
    if isinstance(record, Finding):
        q = Q(subject_finding=record) | Q(other_finding=record)
    else:
        q = Q(subject_complaint=record) | Q(other_complaint=record)
    return list(
        DuplicateCandidate.objects.filter(q, decision=DuplicateCandidate.Decision.PENDING)
        .select_related(*related)
        .order_by("distance_m")
    )


def candidate_rows(record) -> list[dict]:
    """For a record's page (template patrols/duplicates/_duplicates.html): each pending candidate with the record
    on the other side of the pair and whether that one is a finding."""
    rows = []
    for c in pending_for(record):
        subject, other = subject_of(c), other_of(c)
        counterpart = other if subject == record else subject
        rows.append({"candidate": c, "record": counterpart, "is_finding": isinstance(counterpart, Finding)})
    return rows
