"""Pledges: every staff member signs their own; the department head sees their units; the programme sees all."""

from __future__ import annotations

from gamsa.integrity import permissions as perms


def can_sign(user) -> bool:
    return perms.is_district_staff(user)


def can_see_unit(user) -> bool:
    return perms.is_department_head(user)


def can_see_rates(user) -> bool:
    return perms.is_reader(user)


def can_manage_texts(user) -> bool:
    return perms.is_programme_staff(user)
