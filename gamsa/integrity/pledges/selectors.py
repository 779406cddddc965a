"""Pledge figures: the rate by department and overall, and who in a unit has not signed."""

from __future__ import annotations

from gamsa.integrity.pledges.models import PledgeSignature
from gamsa.integrity.staff import district_staff, rates_by_department, staff_of_units


def signed_ids(year: int) -> set[int]:
    return set(PledgeSignature.objects.filter(year=year).values_list("user_id", flat=True))


def rates(year: int) -> tuple[list[dict], dict]:
    people = district_staff().values_list("pk", "unit_id")
    return rates_by_department(people, signed_ids(year))


def unsigned_in_units(year: int, unit_ids: list[int]):
    return (
        staff_of_units(unit_ids)
        .exclude(pk__in=PledgeSignature.objects.filter(year=year).values("user_id"))
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )


def signed_in_units(year: int, unit_ids: list[int]):
    return (
        PledgeSignature.objects.filter(year=year, user__in=staff_of_units(unit_ids))
        .select_related("user", "user__unit", "text")
        .order_by("user__unit__path", "user__full_name")
    )
