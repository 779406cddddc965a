"""Training writes: sessions, completions by hand, the learning system's monthly file, life-cycle stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from gamsa.core.models import User, UserKind
from gamsa.core.services import record_event
from gamsa.integrity.training.models import LIFE_STAGES, Completion, Course, Session, StaffStage

BATCH = 2000


class TrainingError(ValueError):
    """Korean message."""


@transaction.atomic
def create_session(
    actor: User,
    *,
    course: Course,
    title: str,
    held_on: dt.date,
    ends_on: dt.date | None = None,
    place: str = "",
    audience_note: str = "",
) -> Session:
    if ends_on and ends_on < held_on:
        raise TrainingError("종료일은 교육일 이후여야 합니다.")
    session = Session.objects.create(
        course=course,
        title=title.strip(),
        held_on=held_on,
        ends_on=ends_on,
        place=place.strip(),
        audience_note=audience_note.strip(),
        created_by=actor,
    )
    record_event(actor, "training.session_created", session, course=course.name, held_on=held_on)
    return session


def staff_by_numbers(numbers: Iterable[str]) -> dict[str, User]:
    wanted = sorted({n.strip() for n in numbers if n and n.strip()})
    found: dict[str, User] = {}
    for i in range(0, len(wanted), 900):
        for user in User.objects.filter(kind=UserKind.STAFF, employee_number__in=wanted[i : i + 900]).only(
            "pk", "employee_number", "full_name", "unit_id"
        ):
            found[user.employee_number] = user
    return found


@transaction.atomic
def add_participants(actor: User, session: Session, numbers: list[str]) -> dict:
    """Staff who completed a session, by employee number; unknown numbers are refused whole (nothing saved)."""
    numbers = [n.strip() for n in numbers if n.strip()]
    if not numbers:
        raise TrainingError("공무원번호를 한 줄에 하나씩 입력하세요.")
    staff = staff_by_numbers(numbers)
    unknown = [n for n in numbers if n not in staff]
    if unknown:
        raise TrainingError(f"직원 명부에 없는 공무원번호가 있습니다: {', '.join(unknown[:10])}")
    day = session.ends_on or session.held_on
    rows = [
        Completion(
            course_id=session.course_id,
            session=session,
            user=staff[n],
            employee_number=n,
            unit_id=staff[n].unit_id,
            completed_on=day,
            source=Completion.Source.HAND,
        )
        for n in dict.fromkeys(numbers)
    ]
    before = Completion.objects.filter(session=session).count()
    Completion.objects.bulk_create(rows, ignore_conflicts=True)
    added = Completion.objects.filter(session=session).count() - before
    record_event(actor, "training.participants_added", session, added=added, given=len(rows))
    return {"added": added, "given": len(rows)}


@transaction.atomic
def import_completions(actor: User | None, rows: list[dict], *, job=None) -> dict:
    """Write checked rows ({"user", "course", "completed_on"}); rows already there are skipped (re-import is
    idempotent). One event for the whole file."""
    objects = [
        Completion(
            course=r["course"],
            user=r["user"],
            employee_number=r["user"].employee_number,
            unit_id=r["user"].unit_id,
            completed_on=r["completed_on"],
            source=Completion.Source.IMPORT,
            job=job,
        )
        for r in rows
    ]
    before = Completion.objects.count()
    for i in range(0, len(objects), BATCH):
        Completion.objects.bulk_create(objects[i : i + BATCH], ignore_conflicts=True)
    created = Completion.objects.count() - before
    record_event(
        actor, "training.imported", job, rows=len(objects), created=created, already=len(objects) - created
    )
    return {"created": created, "already": len(objects) - created}


@transaction.atomic
def set_stage(actor: User, *, year: int, stage: str, numbers: list[str]) -> dict:
    if stage not in [s.value for s in LIFE_STAGES]:
        raise TrainingError("생애주기 구분이 올바르지 않습니다.")
    numbers = [n.strip() for n in numbers if n.strip()]
    staff = staff_by_numbers(numbers)
    unknown = [n for n in numbers if n not in staff]
    if unknown:
        raise TrainingError(f"직원 명부에 없는 공무원번호가 있습니다: {', '.join(unknown[:10])}")
    rows = [StaffStage(user=u, year=year, stage=stage, created_by=actor) for u in staff.values()]
    before = StaffStage.objects.filter(year=year, stage=stage).count()
    StaffStage.objects.bulk_create(rows, ignore_conflicts=True)
    added = StaffStage.objects.filter(year=year, stage=stage).count() - before
    record_event(actor, "training.stage_set", None, year=year, stage=stage, added=added)
    return {"added": added}
