"""Local guardians (내 지역 지킴이): appointment, end of term, training records, and their reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from gamsa.core.models import Membership, OrgUnit, Role, User, UserKind
from gamsa.core.models.people import VolunteerProgramme
from gamsa.core.services import add_membership, create_person, record_event
from gamsa.patrols.models import Finding, FindingCategory, Guardian, GuardianTraining


class GuardianError(Exception):
    pass


def patrol_team_unit() -> OrgUnit | None:
    return OrgUnit.objects.filter(office_team="patrol", active=True).first()


@transaction.atomic
def appoint_guardian(
    actor: User | None,
    *,
    user: User | None = None,
    username: str = "",
    full_name: str = "",
    phone: str = "",
    password: str | None = None,
    dong: OrgUnit | None = None,
    appointed_on: dt.date,
    note: str = "",
) -> Guardian:
    """A volunteer account with role volunteer at the patrol team and a Guardian profile."""
    if user is None:
        if not username:
            raise GuardianError("아이디를 적어 주세요.")
        if User.objects.filter(username=username).exists():
            raise GuardianError("이미 있는 아이디입니다.")
        user = create_person(
            actor,
            username=username,
            password=password,
            kind=UserKind.VOLUNTEER,
            full_name=full_name,
            phone=phone,
            volunteer_programme=VolunteerProgramme.LOCAL_GUARDIAN,
            appointed_on=appointed_on,
        )
    if Guardian.objects.filter(user=user, ended_on__isnull=True).exists():
        raise GuardianError("이미 활동 중인 지킴이입니다.")
    team = patrol_team_unit()
    if team is None:
        raise GuardianError("순찰팀 조직이 없습니다. 조직도를 먼저 확인하세요.")
    if not Membership.objects.filter(
        user=user, unit=team, role=Role.VOLUNTEER, ended_on__isnull=True
    ).exists():
        add_membership(actor, user=user, unit=team, role=Role.VOLUNTEER)
    guardian, _ = Guardian.objects.update_or_create(
        user=user, defaults={"dong": dong, "appointed_on": appointed_on, "ended_on": None, "note": note}
    )
    record_event(actor, "guardian.appointed", user, dong=dong.name if dong else "", appointed_on=appointed_on)
    return guardian


@transaction.atomic
def record_training(
    actor: User,
    *,
    title: str,
    held_on: dt.date,
    hours=1,
    place: str = "",
    attendees: Iterable[Guardian] = (),
    note: str = "",
) -> GuardianTraining:
    if not title.strip():
        raise GuardianError("교육명을 적어 주세요.")
    training = GuardianTraining.objects.create(
        title=title.strip(), held_on=held_on, hours=hours, place=place, note=note
    )
    attendees = list(attendees)
    training.attendees.set(attendees)
    record_event(actor, "guardian.training_recorded", None, title=training.title, held_on=held_on,
                 attendees=len(attendees))  # fmt: skip
    return training


def submit_report(
    guardian_user: User,
    *,
    category: FindingCategory,
    title: str,
    description: str = "",
    address: str = "",
    latitude=None,
    longitude=None,
    photos=(),
) -> Finding:
    """A guardian's report: a finding in REPORTED for the patrol team to route."""
    from gamsa.patrols.findings.services import create_finding

    if latitude is None and not address.strip():
        raise GuardianError("위치를 확인하지 못했습니다. 주소를 직접 적어 주세요.")
    return create_finding(
        guardian_user,
        source=Finding.Source.GUARDIAN,
        category=category,
        title=title,
        description=description,
        address=address,
        latitude=latitude,
        longitude=longitude,
        photos=photos,
    )
