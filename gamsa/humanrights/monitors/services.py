"""Writes of the 구민인권지킴이단: cohorts, appointment (a volunteer account, role volunteer on the 조사팀 unit,
programme `rights_monitor`), end of term, training, and the activities and campaign reports monitors file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gamsa.core.models import Membership, OrgUnit, Role, User, UserKind
from gamsa.core.models.people import VolunteerProgramme
from gamsa.core.services import add_membership, create_person, end_membership, record_event, store_attachment
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.common import HumanRightsError, day, require, text, today
from gamsa.humanrights.monitors.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Cohort,
    Monitor,
    Training,
)


def team_unit() -> OrgUnit | None:
    return OrgUnit.objects.filter(office_team=perms.TEAM, active=True).first()


@transaction.atomic
def create_cohort(actor: User, *, number: int, starts_on: dt.date, ends_on: dt.date) -> Cohort:
    require(perms.can_manage(actor))
    starts_on, ends_on = day(starts_on, "활동 시작일"), day(ends_on, "활동 종료일")
    if not number or int(number) < 1:
        raise HumanRightsError("기수를 입력하세요.")
    if ends_on <= starts_on:
        raise HumanRightsError("활동 종료일은 시작일보다 늦어야 합니다.")
    if Cohort.objects.filter(number=number).exists():
        raise HumanRightsError(f"제{number}기가 이미 있습니다.")
    cohort = Cohort.objects.create(number=int(number), starts_on=starts_on, ends_on=ends_on)
    record_event(actor, "humanrights.cohort_created", cohort, starts_on=starts_on, ends_on=ends_on)
    return cohort


@transaction.atomic
def appoint_monitor(
    actor: User | None,
    cohort: Cohort,
    *,
    user: User | None = None,
    username: str = "",
    full_name: str = "",
    phone: str = "",
    password: str | None = None,
    team: str = "",
    dong: OrgUnit | None = None,
    appointed_on: dt.date,
    note: str = "",
) -> Monitor:
    """`actor` None only for the demo loader. A new account gets no usable password unless one is given: the
    monitor sets it through the office's usual account hand-over."""
    if actor is not None:
        require(perms.can_manage(actor))
    appointed_on = day(appointed_on, "위촉일")
    if user is None:
        username = (username or "").strip()
        if not username:
            raise HumanRightsError("아이디를 입력하세요.")
        if User.objects.filter(username=username).exists():
            raise HumanRightsError("이미 있는 아이디입니다.")
        user = create_person(
            actor,
            username=username,
            password=password,
            kind=UserKind.VOLUNTEER,
            full_name=text(full_name, "성명", 50),
            phone=text(phone, "연락처", 30, required=False),
            volunteer_programme=VolunteerProgramme.RIGHTS_MONITOR,
            appointed_on=appointed_on,
            term_ends_on=cohort.ends_on,
        )
    elif user.volunteer_programme != VolunteerProgramme.RIGHTS_MONITOR:
        raise HumanRightsError("구민인권지킴이단 자원봉사자 계정만 위촉할 수 있습니다.")
    if Monitor.objects.filter(user=user, ended_on__isnull=True).exists():
        raise HumanRightsError("이미 활동 중인 지킴이입니다.")
    unit = team_unit()
    if unit is None:
        raise HumanRightsError("조사팀 조직이 없습니다. 조직도를 먼저 확인하세요.")
    if not Membership.objects.filter(
        user=user, unit=unit, role=Role.VOLUNTEER, ended_on__isnull=True
    ).exists():
        add_membership(actor, user=user, unit=unit, role=Role.VOLUNTEER)
    monitor, _ = Monitor.objects.update_or_create(
        user=user,
        defaults={
            "cohort": cohort,
            "team": text(team, "조", 20, required=False),
            "dong": dong,
            "appointed_on": appointed_on,
            "ended_on": None,
            "note": text(note, "비고", 300, required=False),
        },
    )
    record_event(
        actor, "humanrights.monitor_appointed", cohort, monitor=str(monitor.public_id), team=monitor.team
    )
    return monitor


@transaction.atomic
def end_monitor(actor: User, monitor: Monitor, *, ended_on: dt.date) -> Monitor:
    """해촉: the profile ends and so does the volunteer role on the team unit (the account can no longer file)."""
    require(perms.can_manage(actor))
    ended_on = day(ended_on, "해촉일")
    if monitor.ended_on:
        raise HumanRightsError("이미 해촉한 지킴이입니다.")
    monitor.ended_on = ended_on
    monitor.save(update_fields=["ended_on"])
    unit = team_unit()
    for membership in Membership.objects.filter(
        user=monitor.user, unit=unit, role=Role.VOLUNTEER, ended_on__isnull=True
    ):
        end_membership(actor, membership, ended_on)
    record_event(
        actor, "humanrights.monitor_ended", monitor.cohort, monitor=str(monitor.public_id), ended_on=ended_on
    )
    return monitor


@transaction.atomic
def record_training(
    actor: User, cohort: Cohort, *, title: str, held_on: dt.date, hours=2, place: str = "",
    attendees: Iterable[Monitor] = (),
) -> Training:  # fmt: skip
    require(perms.can_manage(actor))
    held_on = day(held_on, "교육일")
    try:
        hours = Decimal(str(hours))
    except InvalidOperation:
        raise HumanRightsError("교육 시간이 올바르지 않습니다.") from None
    attendees = list(attendees)
    if any(m.cohort_id != cohort.pk for m in attendees):
        raise HumanRightsError("다른 기수의 지킴이는 이수자로 고를 수 없습니다.")
    training = Training.objects.create(
        cohort=cohort, title=text(title, "교육명", 150), held_on=held_on, hours=hours,
        place=text(place, "장소", 150, required=False),
    )  # fmt: skip
    training.attendees.set(attendees)
    record_event(
        actor,
        "humanrights.training_recorded",
        cohort,
        training=str(training.public_id),
        attendees=len(attendees),
    )
    return training


@transaction.atomic
def file_activity(
    actor: User,
    *,
    kind: str,
    held_on: dt.date,
    place: str,
    title: str,
    content: str,
    reached: int | None = None,
    photo: tuple[bytes, str] | None = None,
) -> Activity:
    """A monitor's report from the field. The photo (optional) is checked by content by core; its downloads follow
    the activity's rule (the monitor, their team, the rights team)."""
    monitor = perms.monitor_of(actor)
    require(monitor is not None)
    if kind not in ActivityKind.values:
        raise HumanRightsError("활동 구분을 고르세요.")
    held_on = day(held_on, "활동일")
    if held_on > today():
        raise HumanRightsError("활동일은 오늘보다 늦을 수 없습니다.")
    if held_on < monitor.appointed_on:
        raise HumanRightsError("위촉일 전의 활동은 보고할 수 없습니다.")
    if kind == ActivityKind.CAMPAIGN and not reached:
        raise HumanRightsError("캠페인은 참여·홍보 인원을 입력하세요.")
    activity = Activity.objects.create(
        monitor=monitor,
        year=held_on.year,
        kind=kind,
        held_on=held_on,
        place=text(place, "장소", 150),
        title=text(title, "제목", 150),
        content=text(content, "활동 내용"),
        reached=int(reached) if reached else None,
    )
    if photo:
        data, name = photo
        store_attachment(actor, data=data, original_name=name, owner=activity)
    record_event(actor, "humanrights.activity_filed", activity, kind=kind, held_on=held_on, photo=bool(photo))
    return activity


@transaction.atomic
def check_activity(actor: User, activity: Activity, *, note: str = "", on: dt.date | None = None) -> Activity:
    require(perms.can_check_activity(actor, activity))
    if activity.status == ActivityStatus.CHECKED:
        raise HumanRightsError("이미 확인한 보고입니다.")
    activity.status = ActivityStatus.CHECKED
    activity.checked_by = actor
    activity.checked_on = on or today()
    activity.office_note = text(note, "조사팀 의견", 300, required=False)
    activity.save(update_fields=["status", "checked_by", "checked_on", "office_note"])
    record_event(actor, "humanrights.activity_checked", activity)
    return activity
