"""Training: the programme keeps the records; readers see the rates; each staff member sees their own."""

from __future__ import annotations

from gamsa.integrity import permissions as perms


def can_see_rates(user) -> bool:
    return perms.is_reader(user)


def can_edit(user) -> bool:
    return perms.is_programme_staff(user)


def can_see_own(user) -> bool:
    return perms.is_district_staff(user)
