"""Writes of the 인권 공모전: the contest with its criteria, prizes and jurors; entries; the jury's score sheets;
the winners announced by rank. Events never carry an entrant's name or contact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.common import HumanRightsError, day, require, text
from gamsa.humanrights.contest.models import Category, Contest, Criterion, Entry, Juror, Prize, Score


@transaction.atomic
def create_contest(
    actor: User, *, year: int, title: str, opens_on: dt.date, closes_on: dt.date, theme: str = ""
) -> Contest:
    require(perms.can_manage(actor))
    opens_on, closes_on = day(opens_on, "접수 시작일"), day(closes_on, "접수 마감일")
    if closes_on < opens_on:
        raise HumanRightsError("접수 마감일은 시작일보다 빠를 수 없습니다.")
    if Contest.objects.filter(year=year).exists():
        raise HumanRightsError(f"{year}년 공모전이 이미 있습니다.")
    contest = Contest.objects.create(
        year=int(year), title=text(title, "공모전명", 150), theme=text(theme, "주제", 200, required=False),
        opens_on=opens_on, closes_on=closes_on,
    )  # fmt: skip
    record_event(actor, "humanrights.contest_created", contest, opens_on=opens_on, closes_on=closes_on)
    return contest


def _not_announced(contest: Contest) -> None:
    if contest.announced_on:
        raise HumanRightsError("수상작을 발표한 공모전은 바꿀 수 없습니다.")


@transaction.atomic
def add_criterion(actor: User, contest: Contest, *, name: str, max_score: int) -> Criterion:
    require(perms.can_manage(actor))
    _not_announced(contest)
    if Score.objects.filter(entry__contest=contest).exists():
        raise HumanRightsError("채점이 시작된 뒤에는 심사 기준을 더할 수 없습니다.")
    if not max_score or not 1 <= int(max_score) <= 100:
        raise HumanRightsError("배점은 1점에서 100점 사이로 입력하세요.")
    order = (contest.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
    criterion = Criterion.objects.create(
        contest=contest, order=order, name=text(name, "심사 기준", 60), max_score=int(max_score)
    )
    record_event(actor, "humanrights.criterion_added", contest, order=order, max_score=criterion.max_score)
    return criterion


@transaction.atomic
def add_prize(actor: User, contest: Contest, *, label: str, count: int = 1) -> Prize:
    require(perms.can_manage(actor))
    _not_announced(contest)
    if not count or int(count) < 1:
        raise HumanRightsError("수상 작품 수는 1 이상이어야 합니다.")
    order = (contest.prizes.aggregate(m=Max("order"))["m"] or 0) + 1
    prize = Prize.objects.create(
        contest=contest, order=order, label=text(label, "시상", 30), count=int(count)
    )
    record_event(actor, "humanrights.prize_added", contest, order=order, label=prize.label, count=prize.count)
    return prize


@transaction.atomic
def add_juror(actor: User, contest: Contest, *, name: str, affiliation: str = "") -> Juror:
    require(perms.can_manage(actor))
    _not_announced(contest)
    if Score.objects.filter(entry__contest=contest).exists():
        raise HumanRightsError("채점이 시작된 뒤에는 심사위원을 더할 수 없습니다.")
    juror = Juror.objects.create(
        contest=contest,
        name=text(name, "심사위원", 50),
        affiliation=text(affiliation, "소속", 100, required=False),
    )
    record_event(actor, "humanrights.juror_added", contest, juror=str(juror.public_id))
    return juror


@transaction.atomic
def register_entry(
    actor: User, contest: Contest, *, title: str, category: str, entrant_name: str, submitted_on: dt.date,
    entrant_phone: str = "", description: str = "",
) -> Entry:  # fmt: skip
    require(perms.can_manage(actor))
    _not_announced(contest)
    submitted_on = day(submitted_on, "접수일")
    if not contest.opens_on <= submitted_on <= contest.closes_on:
        raise HumanRightsError(
            f"접수 기간({contest.opens_on:%Y. %-m. %-d.}~{contest.closes_on:%Y. %-m. %-d.}) 밖에 접수한 작품입니다."
        )
    if category not in Category.values:
        raise HumanRightsError("분야를 고르세요.")
    number = (
        Entry.objects.select_for_update().filter(contest=contest).aggregate(m=Max("number"))["m"] or 0
    ) + 1
    entry = Entry.objects.create(
        contest=contest, number=number, title=text(title, "작품명", 150), category=category,
        entrant_name=text(entrant_name, "응모자 성명", 50), entrant_phone=text(entrant_phone, "응모자 연락처", 30, required=False),
        submitted_on=submitted_on, description=text(description, "작품 설명", required=False),
    )  # fmt: skip
    record_event(actor, "humanrights.entry_registered", contest, entry=number, category=category)
    return entry


@transaction.atomic
def record_scores(actor: User, entry: Entry, *, juror: Juror, scores: dict[int, object]) -> list[Score]:
    """One juror's score sheet for one entry: `scores` maps each criterion id to a score within its 배점.
    A sheet may be corrected until the winners are announced."""
    require(perms.can_manage(actor))
    contest = entry.contest
    _not_announced(contest)
    if juror.contest_id != contest.pk:
        raise HumanRightsError("이 공모전의 심사위원이 아닙니다.")
    criteria = list(contest.criteria.all())
    if not criteria:
        raise HumanRightsError("심사 기준을 먼저 정하세요.")
    rows = []
    for criterion in criteria:
        raw = scores.get(criterion.pk)
        try:
            value = Decimal(str(raw)).quantize(Decimal("0.1"))
        except (InvalidOperation, TypeError, ValueError):
            raise HumanRightsError(f"'{criterion.name}' 점수를 입력하세요.") from None
        if not Decimal(0) <= value <= criterion.max_score:
            raise HumanRightsError(
                f"'{criterion.name}' 점수는 0점에서 {criterion.max_score}점 사이여야 합니다."
            )
        row, _ = Score.objects.update_or_create(
            entry=entry, juror=juror, criterion=criterion, defaults={"score": value}
        )
        rows.append(row)
    record_event(actor, "humanrights.scores_recorded", contest, entry=entry.number, juror=str(juror.public_id),
                 total=str(sum(r.score for r in rows)))  # fmt: skip
    return rows


def ranking(contest: Contest) -> tuple[list[Entry], bool]:
    """Entries with `total` (the sum over criteria of the jurors' mean score, 2 decimals) and `sheets` (how many
    juror × criterion scores they have), best first; ties keep the earlier entry first. The bool says whether every
    juror scored every entry on every criterion."""
    criteria = contest.criteria.count()
    jurors = contest.jurors.count()
    entries = list(contest.entries.prefetch_related("scores"))
    for e in entries:
        scores = list(e.scores.all())
        e.sheets = len(scores)
        e.computed_total = (
            (sum((s.score for s in scores), Decimal(0)) / jurors).quantize(Decimal("0.01"))
            if jurors and scores
            else None
        )
    complete = (
        bool(entries)
        and bool(criteria)
        and bool(jurors)
        and all(e.sheets == criteria * jurors for e in entries)
    )
    entries.sort(key=lambda e: (-(e.computed_total or Decimal(-1)), e.number))
    return entries, complete


@transaction.atomic
def announce_winners(actor: User, contest: Contest, *, on: dt.date) -> list[Entry]:
    """Rank every entry and give the prizes in order (대상 1, 최우수 1, …) to the best; refused until every score
    sheet is in."""
    require(perms.can_manage(actor))
    _not_announced(contest)
    on = day(on, "발표일")
    if on < contest.closes_on:
        raise HumanRightsError("수상작은 접수 마감 뒤에 발표합니다.")
    entries, complete = ranking(contest)
    if not complete:
        raise HumanRightsError("모든 심사위원이 모든 작품을 채점해야 발표할 수 있습니다.")
    labels = [p.label for p in contest.prizes.all() for _ in range(p.count)]
    if not labels:
        raise HumanRightsError("시상 내역을 먼저 정하세요.")
    for rank, entry in enumerate(entries, start=1):
        entry.total = entry.computed_total
        entry.rank = rank
        entry.prize = labels[rank - 1] if rank <= len(labels) else ""
    Entry.objects.bulk_update(entries, ["total", "rank", "prize"])
    contest.announced_on = on
    contest.save(update_fields=["announced_on"])
    winners = [e for e in entries if e.prize]
    record_event(actor, "humanrights.winners_announced", contest, on=on, winners=[e.number for e in winners])
    return winners
