"""인권 공모전 pages: contests, one contest with its criteria, prizes, jurors and the ranked entries, and one
entry with the jury's score sheets. Entrants' names and contacts are shown to the rights team only (access-logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.services import log_access
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.common import today
from gamsa.humanrights.contest import forms as f
from gamsa.humanrights.contest import services as svc
from gamsa.humanrights.contest.models import Contest, Entry
from gamsa.humanrights.viewkit import attempt, private


@login_required
def contest_list(request):
    user = request.user
    core_perms.deny_outsider(perms.is_reader(user))
    form = f.ContestForm(request.POST or None, initial={"year": today().year})
    error = ""
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage(user))
        if form.is_valid():
            error = attempt(lambda: svc.create_contest(user, **form.cleaned_data))
            if not error:
                messages.success(request, "공모전을 등록했습니다.")
                return redirect("humanrights:contest", year=form.cleaned_data["year"])
        else:
            error = "입력한 값을 확인하세요."
    contests = Contest.objects.all()
    return render(
        request,
        "humanrights/contest/list.html",
        {"contests": contests, "form": form, "error": error, "can_manage": perms.can_manage(user)},
        status=400 if error else 200,
    )


def _contest(request, year: int) -> Contest:
    core_perms.deny_outsider(perms.is_reader(request.user))
    contest = Contest.objects.filter(year=year).first()
    if contest is None:
        raise Http404
    return contest


FORMS = {
    "criterion": f.CriterionForm,
    "prize": f.PrizeForm,
    "juror": f.JurorForm,
    "entry": f.EntryForm,
    "announce": f.AnnounceForm,
}


def _detail(request, contest: Contest, bound: dict | None = None, error: str = "", status: int = 200):
    user = request.user
    entries, complete = svc.ranking(contest)
    personal = perms.can_see_personal_data(user)
    if personal and entries:
        log_access(
            user, contest, ["응모자 성명"], request=request, reason="공모전 응모작 목록", count=len(entries)
        )
    bound = bound or {}
    forms = {name: bound.get(name) or cls() for name, cls in FORMS.items()}
    forms["announce"] = bound.get("announce") or f.AnnounceForm(initial={"on": today()})
    forms["entry"] = bound.get("entry") or f.EntryForm(
        initial={"submitted_on": min(today(), contest.closes_on)}
    )
    response = render(
        request,
        "humanrights/contest/detail.html",
        {
            "c": contest,
            "criteria": contest.criteria.all(),
            "prizes": contest.prizes.all(),
            "jurors": contest.jurors.all(),
            "entries": entries,
            "complete": complete,
            "sheets_needed": contest.criteria.count() * contest.jurors.count(),
            "personal": personal,
            "forms": forms,
            "error": error,
            "can_manage": perms.can_manage(user) and not contest.announced_on,
        },
        status=status,
    )
    return private(response)


@login_required
def contest_detail(request, year: int):
    return _detail(request, _contest(request, year))


@login_required
@require_POST
def contest_act(request, year: int, action: str):
    contest = _contest(request, year)
    if action not in FORMS:
        raise Http404
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = FORMS[action](request.POST)
    if not form.is_valid():
        return _detail(request, contest, {action: form}, "입력한 값을 확인하세요.", 400)
    user, d = request.user, form.cleaned_data
    run = {
        "criterion": lambda: svc.add_criterion(user, contest, **d),
        "prize": lambda: svc.add_prize(user, contest, **d),
        "juror": lambda: svc.add_juror(user, contest, **d),
        "entry": lambda: svc.register_entry(user, contest, **d),
        "announce": lambda: svc.announce_winners(user, contest, on=d["on"]),
    }[action]
    error = attempt(run)
    if error:
        return _detail(request, contest, {action: form}, error, 400)
    messages.success(request, {"criterion": "심사 기준을 추가했습니다.", "prize": "시상 내역을 추가했습니다.",
                               "juror": "심사위원을 등록했습니다.", "entry": "응모작을 접수했습니다.",
                               "announce": "수상작을 발표했습니다."}[action])  # fmt: skip
    return redirect("humanrights:contest", year=year)


def _entry(request, year: int, public_id) -> Entry:
    contest = _contest(request, year)
    entry = contest.entries.filter(public_id=public_id).first()
    if entry is None:
        raise Http404
    return entry


def _entry_page(request, entry: Entry, form=None, error: str = "", status: int = 200):
    user = request.user
    contest = entry.contest
    personal = perms.can_see_personal_data(user)
    if personal:
        log_access(user, entry, ["응모자 성명", "연락처"], request=request, reason="공모전 응모작")
    criteria = list(contest.criteria.all())
    scores = {(s.juror_id, s.criterion_id): s.score for s in entry.scores.all()}
    sheet = [(j, [scores.get((j.pk, c.pk)) for c in criteria]) for j in contest.jurors.all()]
    response = render(
        request,
        "humanrights/contest/entry.html",
        {
            "e": entry,
            "c": contest,
            "criteria": criteria,
            "sheet": sheet,
            "personal": personal,
            "form": form or f.ScoreForm(contest=contest, criteria=criteria),
            "error": error,
            "can_score": perms.can_manage(user) and not contest.announced_on,
        },
        status=status,
    )
    return private(response)


@login_required
def entry_detail(request, year: int, public_id):
    return _entry_page(request, _entry(request, year, public_id))


@login_required
@require_POST
def entry_scores(request, year: int, public_id):
    entry = _entry(request, year, public_id)
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = f.ScoreForm(request.POST, contest=entry.contest, criteria=entry.contest.criteria.all())
    if not form.is_valid():
        return _entry_page(request, entry, form, "입력한 값을 확인하세요.", 400)
    error = attempt(
        lambda: svc.record_scores(request.user, entry, juror=form.cleaned_data["juror"], scores=form.scores())
    )
    if error:
        return _entry_page(request, entry, form, error, 400)
    messages.success(request, "채점 결과를 기록했습니다.")
    return redirect("humanrights:entry", year=year, public_id=public_id)
