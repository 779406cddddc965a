"""The demo guardian account (`guardian`), whose report the findings demo routes (idempotent)."""

from __future__ import annotations

import datetime as dt

from gamsa.core.demo import DEMO_PASSWORD
from gamsa.core.models import OrgUnit, User, UserKind
from gamsa.core.models.people import VolunteerProgramme
from gamsa.core.services import create_person
from gamsa.patrols.models import Guardian


def ensure_guardian_account(username: str = "guardian") -> User:
    """The demo guardian: role volunteer at the patrol team unit, a Guardian profile (영등포동)."""
    from gamsa.patrols.guardians.services import appoint_guardian

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(
            None,
            username=username,
            password=DEMO_PASSWORD,
            kind=UserKind.VOLUNTEER,
            full_name="김지킴",
            phone="010-0000-0003",
            volunteer_programme=VolunteerProgramme.LOCAL_GUARDIAN,
        )
    if not Guardian.objects.filter(user=user, ended_on__isnull=True).exists():
        dong = OrgUnit.objects.filter(short_name="영등포동").first()
        appoint_guardian(None, user=user, dong=dong, appointed_on=dt.date(2026, 3, 1), note="데모 계정")
    return user
