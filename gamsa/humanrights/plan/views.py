"""The yearly plan's pages: the list (and a new plan), one plan with its measures, the December evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.models import Event
from gamsa.humanrights import permissions as perms
from gamsa.humanrights import stats
from gamsa.humanrights.common import today
from gamsa.humanrights.plan import services as svc
from gamsa.humanrights.plan.forms import EvaluationForm, MeasureForm, PlanForm
from gamsa.humanrights.plan.models import Plan
from gamsa.humanrights.viewkit import attempt


def _plan(request, year: int) -> Plan:
    core_perms.deny_outsider(perms.is_reader(request.user))
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        raise Http404
    return plan


@login_required
def plan_list(request):
    user = request.user
    core_perms.deny_outsider(perms.is_reader(user))
    this_year = today().year
    form = PlanForm(request.POST or None, initial={"year": this_year, "established_on": today(),
                                                   "title": f"{this_year}년 인권보장 및 증진 세부추진계획"})  # fmt: skip
    error = ""
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage(user))
        if form.is_valid():
            holder = {}
            error = attempt(lambda: holder.update(plan=svc.create_plan(user, **form.cleaned_data)))
            if not error:
                messages.success(request, f"{holder['plan'].year}년 세부추진계획을 등록했습니다.")
                return redirect("humanrights:plan", year=holder["plan"].year)
    plans = Plan.objects.all()
    return render(
        request,
        "humanrights/plan/list.html",
        {"plans": plans, "form": form, "error": error, "can_manage": perms.can_manage(user)},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, plan: Plan, measure_form=None, error: str = "", status: int = 200):
    measures = list(plan.measures.all())
    achieved = sum(1 for m in measures if m.achieved)
    return render(
        request,
        "humanrights/plan/detail.html",
        {
            "plan": plan,
            "measures": measures,
            "achieved": achieved,
            "measure_form": measure_form or MeasureForm(),
            "error": error,
            "can_manage": perms.can_manage(request.user),
            "events": Event.objects.filter(target_type="humanrights.plan", target_id=str(plan.public_id))[
                :30
            ],
        },
        status=status,
    )


@login_required
def plan_detail(request, year: int):
    return _detail(request, _plan(request, year))


@login_required
@require_POST
def measure_add(request, year: int):
    plan = _plan(request, year)
    core_perms.deny_read_only(perms.can_manage(request.user))
    form = MeasureForm(request.POST)
    if not form.is_valid():
        return _detail(request, plan, form, "입력한 값을 확인하세요.", 400)
    error = attempt(lambda: svc.add_measure(request.user, plan, **form.cleaned_data))
    if error:
        return _detail(request, plan, form, error, 400)
    messages.success(request, "세부 사업을 추가했습니다.")
    return redirect("humanrights:plan", year=year)


@login_required
def evaluate(request, year: int):
    plan = _plan(request, year)
    core_perms.deny_read_only(perms.can_manage(request.user))
    measures = list(plan.measures.all())
    initial = {"evaluated_on": plan.evaluated_on or today(), "summary": plan.evaluation_summary}
    counted = {}
    for m in measures:
        counted[m.public_id] = stats.metric_value(m.metric, plan.year)
        initial[f"actual_{m.public_id}"] = m.actual if m.actual is not None else counted[m.public_id]
        initial[f"note_{m.public_id}"] = m.evaluation_note
    form = EvaluationForm(request.POST or None, measures=measures, initial=initial)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            error = attempt(lambda: svc.evaluate_plan(request.user, plan, evaluated_on=d["evaluated_on"],
                                                      summary=d["summary"], results=form.results()))  # fmt: skip
            if not error:
                messages.success(request, f"{plan.year}년 세부사업 종합평가를 기록했습니다.")
                return redirect("humanrights:plan", year=year)
        else:
            error = "입력한 값을 확인하세요."
    return render(
        request,
        "humanrights/plan/evaluate.html",
        {"plan": plan, "form": form, "counted": counted, "error": error},
        status=400 if request.method == "POST" else 200,
    )
