"""Shared set-up for the ethics tests: a small roster made the way the officer makes it, a review, a 고지거부
application, a meeting, and a snapshot of every ethics table for 'nothing changed on denial'."""

from __future__ import annotations

import datetime as dt

from gamsa.core import services as core
from gamsa.core.models import AccessLog, Attachment, Event, OrgUnit, User, UserKind
from gamsa.ethics.committee import services as committee
from gamsa.ethics.models import (
    AgendaItem,
    Declarant,
    DesignatedUnit,
    DisclosureRefusal,
    EmploymentCheck,
    Filing,
    Meeting,
    Member,
    Restriction,
    Review,
    ReviewAmount,
    ReviewRequest,
    RosterProposal,
)
from gamsa.ethics.refusals import services as refusals
from gamsa.ethics.registration import reviews
from gamsa.ethics.registration import services as roster

D = dt.date.fromisoformat
NAME = "탁윤재"  # the planted declarant: never in a page of someone who may not read the roster
RELATIVE = "탁은솔"


def user(name: str) -> User:
    return User.objects.get(username=name)


def officer() -> User:
    return user("ethics")


def lead() -> User:
    return User.objects.get(memberships__role="team_leader", memberships__unit__office_team="investigation")


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def staff(username: str, *, grade: str, unit_name: str, name: str = NAME) -> User:
    return core.create_person(
        None,
        username=username,
        kind=UserKind.STAFF,
        full_name=name,
        grade=grade,
        position="주무관",
        unit=unit(unit_name),
    )


def declarant(*, grade="6", unit_name="세무1과", became="2026-01-15", name=NAME, username="tak") -> Declarant:
    """A staff member in a designated unit, proposed from the organisation data and confirmed by the officer."""
    if not DesignatedUnit.objects.filter(unit__name=unit_name).exists():
        roster.designate_unit(officer(), unit=unit(unit_name), field="tax", effective_from=D("2019-01-01"))
    person = staff(username, grade=grade, unit_name=unit_name, name=name)
    roster.propose_roster_changes(officer(), on=D(became))
    proposal = RosterProposal.objects.get(person=person, status="pending")
    return roster.confirm_addition(officer(), proposal, became_on=D(became), trigger="transferred")


def reviewed(d: Declarant, *, filed="2026-03-10", started="2026-03-16") -> Review:
    filing = d.filings.get(kind="initial")
    roster.record_filed(officer(), filing, filed_on=D(filed))
    return reviews.start_review(officer(), filing, on=D(started))


def application(
    d: Declarant, *, applied="2026-01-20", trigger="initial", trigger_on="2026-01-15"
) -> DisclosureRefusal:
    return refusals.receive_application(
        officer(),
        d,
        relation="father",
        relative_name=RELATIVE,
        relative_birth_year=1950,
        separate_household=True,
        occupation="자영업",
        annual_income=48_000_000,
        assets=300_000_000,
        trigger=trigger,
        trigger_on=D(trigger_on),
        applied_on=D(applied),
    )


def members(linked: User | None = None) -> list[Member]:
    seats = (
        [("chair", "정위원장")]
        + [("outside", f"외부{i}") for i in range(4)]
        + [("inside", f"내부{i}") for i in range(2)]
    )
    out = []
    for i, (seat, name) in enumerate(seats):
        out.append(
            committee.appoint_member(
                officer(), name=name, seat=seat, started_on=D("2025-07-01"), user=linked if i == 1 else None
            )
        )
    return out


def meeting(held_on="2026-05-21", convened=None) -> Meeting:
    return committee.schedule_meeting(officer(), kind="regular", held_on=D(held_on), members=convened)


def snapshot():
    """Every row count and state an ethics view could change, plus the logs and files."""
    return (
        list(Declarant.objects.order_by("pk").values_list("status", "left_on", "deferred_from")),
        list(Filing.objects.order_by("pk").values_list("filed_on", "extension_days")),
        list(Review.objects.order_by("pk").values_list("status", "conclusion", "measures", "closed_on")),
        ReviewRequest.objects.filter(answered_on__isnull=False).count(),
        ReviewRequest.objects.count(),
        ReviewAmount.objects.count(),
        list(DisclosureRefusal.objects.order_by("pk").values_list("status", "decision_extended", "ended_on")),
        list(RosterProposal.objects.order_by("pk").values_list("status", flat=True)),
        list(DesignatedUnit.objects.order_by("pk").values_list("effective_to", flat=True)),
        list(Restriction.objects.order_by("pk").values_list("reminded_on", "guidance_sent_on")),
        EmploymentCheck.objects.count(),
        list(Member.objects.order_by("pk").values_list("ended_on", flat=True)),
        list(Meeting.objects.order_by("pk").values_list("held", "minutes")),
        list(AgendaItem.objects.order_by("pk").values_list("decision", flat=True)),
        Attachment.objects.count(),
        Event.objects.count(),
    )


def access_rows(target_type: str):
    return AccessLog.objects.filter(target_type=target_type)
