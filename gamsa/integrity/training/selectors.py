"""Completion rates: by department (for a year, one course or all) and by life-cycle stage."""

from __future__ import annotations

from gamsa.integrity.staff import MANAGER_GRADES, district_staff, rates_by_department
from gamsa.integrity.training.models import LIFE_STAGES, Completion, Course, StaffStage, Stage


def completers(year: int, course_ids: list[int] | None = None) -> set[int]:
    rows = Completion.objects.filter(completed_on__year=year)
    if course_ids is not None:
        rows = rows.filter(course_id__in=course_ids)
    return set(rows.values_list("user_id", flat=True).distinct())


def department_rates(year: int, course: Course | None = None) -> tuple[list[dict], dict]:
    people = district_staff().values_list("pk", "unit_id")
    return rates_by_department(people, completers(year, [course.pk] if course else None))


def stage_population(year: int, stage: str) -> set[int]:
    ids = set(StaffStage.objects.filter(year=year, stage=stage).values_list("user_id", flat=True))
    if stage == Stage.MANAGER:
        ids |= set(district_staff().filter(grade__in=MANAGER_GRADES).values_list("pk", flat=True))
    active = set(district_staff().filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    return active


def stage_rates(year: int) -> list[dict]:
    """For 신규, 승진, 관리자: how many there are, how many completed a course meant for their stage, the rate."""
    courses = list(Course.objects.all())
    rows = []
    for stage in LIFE_STAGES:
        meant = [c.pk for c in courses if stage.value in (c.stages or [])]
        people = stage_population(year, stage)
        done = completers(year, meant) & people if meant else set()
        rows.append(
            {
                "stage": stage.label,
                "code": stage.value,
                "courses": ", ".join(c.name for c in courses if c.pk in meant) or "-",
                "staff": len(people),
                "done": len(done),
                "rate": round(100 * len(done) / len(people), 1) if people else 0.0,
            }
        )
    return rows


def monthly_counts(year: int, course: Course | None = None) -> list[dict]:
    rows = Completion.objects.filter(completed_on__year=year)
    if course:
        rows = rows.filter(course=course)
    counts = {m: 0 for m in range(1, 13)}
    for day in rows.values_list("completed_on", flat=True).iterator(chunk_size=5000):
        counts[day.month] += 1
    return [{"month": m, "count": n} for m, n in counts.items()]
