"""Risk self-assessment: the programme runs it and sees the aggregates (the council viewer too); an invited manager
answers. No one, the office head included, sees who answered what: there is no such page, export or API."""

from __future__ import annotations

from gamsa.integrity import permissions as perms


def can_see_results(user) -> bool:
    return perms.is_reader(user)


def can_manage(user) -> bool:
    return perms.is_programme_staff(user)


def is_invited(user, questionnaire) -> bool:
    return bool(user.is_authenticated) and questionnaire.invitations.filter(user_id=user.pk).exists()
