"""청렴공한문: recipients are personal data of citizens. Only the programme staff (audit team, office head) load
lists, produce letters, read recipients and download the merged files; readers see the counts per batch."""

from __future__ import annotations

from gamsa.integrity import permissions as perms


def can_see_batches(user) -> bool:
    return perms.is_reader(user)


def can_work(user) -> bool:
    return perms.is_programme_staff(user)


def can_download(user, attachment) -> bool:
    return perms.is_programme_staff(user)
