"""적극행정 pages: selection rounds and scoring, 사전컨설팅, 면책 and the quarterly report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.calendar import SEOUL
from gamsa.core.services import log_access
from gamsa.reviews.proactive import permissions as perms
from gamsa.reviews.proactive import services as svc
from gamsa.reviews.proactive.forms import (
    AdviceForm,
    ConsultingForm,
    ExemptionDecisionForm,
    ExemptionForm,
    MemberForm,
    NominationForm,
    RoundForm,
    ScoreForm,
)
from gamsa.reviews.proactive.models import (
    ExemptionCase,
    Nomination,
    PreConsulting,
    QuarterlyExemptionReport,
    SelectionRound,
)


def _today():
    return timezone.now().astimezone(SEOUL).date()


@login_required
def index(request):
    core_perms.deny_outsider(perms.can_see_proactive(request.user))
    user = request.user
    year, quarter = svc.previous_quarter(_today())
    return render(
        request,
        "reviews/proactive/index.html",
        {
            "rounds": SelectionRound.objects.all()[:10] if perms.can_see_rounds(user) else None,
            "selected": Nomination.objects.filter(selected=True)
            .select_related("round", "nominee_unit")
            .order_by("-round__year", "-round__half", "rank")[:40],
            "consultings": perms.visible(user, PreConsulting.objects.select_related("unit"))[:20],
            "exemptions": perms.visible(user, ExemptionCase.objects.select_related("unit"))[:20],
            "report": {
                "year": year,
                "quarter": quarter,
                "due": svc.report_due(year, quarter),
                "done": QuarterlyExemptionReport.objects.filter(year=year, quarter=quarter).first(),
            },
            "round_form": RoundForm(initial={"year": _today().year, "half": 1 if _today().month <= 6 else 2})
            if perms.can_manage_selection(user)
            else None,
            "can_file": perms.can_file(user),
            "can_nominate": perms.can_nominate(user),
        },
    )


@login_required
@require_POST
def round_create(request):
    core_perms.deny_outsider(perms.can_see_proactive(request.user))
    core_perms.deny_read_only(perms.can_manage_selection(request.user))
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            rnd = svc.open_round(
                request.user,
                year=form.cleaned_data["year"],
                half=int(form.cleaned_data["half"]),
                quota=form.cleaned_data["quota"],
            )
        except svc.ProactiveError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("reviews:round_detail", public_id=rnd.public_id)
    else:
        messages.error(request, "연도·반기·선정 인원을 확인하세요.")
    return redirect("reviews:proactive")


def _round_context(request, rnd, **extra):
    members = list(rnd.members.all())
    nominations = list(rnd.nominations.select_related("nominee_unit"))
    if members:
        log_access(request.user, rnd, ["위원 성명"], request=request, count=len(members))
    can_manage = perms.can_manage_selection(request.user) and not rnd.decided_at
    return {
        "round": rnd,
        "members": members,
        "ranking": svc.ranking(rnd),
        "member_form": MemberForm() if can_manage else None,
        "score_form": ScoreForm(criteria=rnd.criteria, members=members, nominations=nominations)
        if can_manage and members and nominations
        else None,
        "can_decide": can_manage and bool(nominations),
        **extra,
    }


@login_required
def round_detail(request, public_id):
    rnd = perms.selection_round_for(request, public_id)
    return render(request, "reviews/proactive/round_detail.html", _round_context(request, rnd))


@login_required
@require_POST
def round_action(request, public_id, action):
    rnd = perms.selection_round_for(request, public_id, "manage")
    try:
        if action == "member":
            form = MemberForm(request.POST)
            if not form.is_valid():
                raise svc.ProactiveError("위원 성명을 입력하세요.")
            svc.add_member(request.user, rnd, **form.cleaned_data)
            messages.success(request, "위원을 추가했습니다.")
        elif action == "score":
            form = ScoreForm(
                request.POST,
                criteria=rnd.criteria,
                members=rnd.members.all(),
                nominations=rnd.nominations.all(),
            )
            if not form.is_valid():
                return render(
                    request,
                    "reviews/proactive/round_detail.html",
                    _round_context(request, rnd, score_form=form),
                    status=400,
                )
            d = form.cleaned_data
            svc.record_scores(
                request.user,
                rnd.nominations.get(pk=d["nomination"]),
                rnd.members.get(pk=d["member"]),
                {c["code"]: d[f"c_{c['code']}"] for c in rnd.criteria},
            )
            messages.success(request, "점수를 저장했습니다.")
        elif action == "decide":
            chosen = svc.decide_round(request.user, rnd)
            messages.success(request, f"{len(chosen)}명을 선정했습니다.")
        else:
            raise Http404
    except svc.ProactiveError as exc:
        messages.error(request, str(exc))
    return redirect("reviews:round_detail", public_id=public_id)


@login_required
def nominate(request, public_id):
    rnd = perms.selection_round_for(request, public_id, "nominate")
    form = NominationForm(request.POST or None, unit_ids=perms.nominee_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            svc.nominate(request.user, rnd, **form.cleaned_data)
        except svc.ProactiveError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "추천했습니다.")
            return redirect("reviews:proactive")
    return render(
        request,
        "reviews/proactive/simple_form.html",
        {
            "form": form,
            "title": f"{rnd} — 추천",
            "submit": "추천",
        },
        status=400 if form.errors else 200,
    )


# --- 사전컨설팅 -------------------------------------------------------------------------------------------------


@login_required
def consulting_create(request):
    core_perms.deny_outsider(perms.can_see_proactive(request.user))
    core_perms.deny_read_only(perms.can_file(request.user))
    form = ConsultingForm(request.POST or None)
    form.set_units(perms.filing_units(request.user))
    if request.method == "POST" and form.is_valid():
        c = svc.request_consulting(request.user, **form.cleaned_data)
        messages.success(request, f"{c.case_number}(으)로 사전컨설팅을 요청했습니다.")
        return redirect("reviews:consulting_detail", case_number=c.case_number)
    return render(
        request,
        "reviews/proactive/simple_form.html",
        {
            "form": form,
            "title": "사전컨설팅 요청",
            "submit": "요청",
            "lead": "법령이 불명확하거나 선례가 없어 적극적으로 처리하기 어려운 업무를 실행 전에 감사담당관에게 묻습니다 "
            "(지방공무원 적극행정 운영규정 제5조). 의견대로 처리하면 면책 요건을 갖춘 것으로 추정됩니다(제15조④).",
        },
        status=400 if form.errors else 200,
    )


@login_required
def consulting_detail(request, case_number):
    c = perms.consulting_for(request, case_number)
    form = None
    if c.status == PreConsulting.Status.REQUESTED and perms.can_review(request.user):
        form = AdviceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            svc.answer_consulting(
                request.user, c, advice=form.cleaned_data["advice"], decline=form.cleaned_data["decline"]
            )
            messages.success(request, "의견을 회신했습니다.")
            return redirect("reviews:consulting_detail", case_number=case_number)
    elif request.method == "POST":
        core_perms.deny_read_only(False)
    return render(
        request,
        "reviews/proactive/consulting_detail.html",
        {"c": c, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


# --- 면책 ------------------------------------------------------------------------------------------------------


@login_required
def exemption_create(request):
    core_perms.deny_outsider(perms.can_see_proactive(request.user))
    core_perms.deny_read_only(perms.can_file_exemption(request.user))
    form = ExemptionForm(request.POST or None)
    units = perms.filing_units(request.user)
    if perms.can_review(request.user):
        from gamsa.core.models import OrgUnit

        units = list(OrgUnit.objects.filter(active=True, is_audit_office=False).values_list("pk", flat=True))
    form.set_units(units)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        number = d.pop("consulting", "").strip()
        consulting = None
        if number:
            consulting = PreConsulting.objects.filter(case_number=number, unit=d["unit"]).first()
            if consulting is None:
                form.add_error("consulting", "이 부서의 사전컨설팅 접수번호가 아닙니다.")
        if not form.errors:
            try:
                case = svc.file_exemption(
                    request.user,
                    d.pop("unit"),
                    consulting=consulting,
                    ex_officio=perms.can_review(request.user),
                    **d,
                )
            except svc.ProactiveError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{case.case_number}(으)로 면책 신청을 접수했습니다.")
                return redirect("reviews:exemption_detail", case_number=case.case_number)
    return render(
        request,
        "reviews/proactive/simple_form.html",
        {
            "form": form,
            "title": "적극행정 면책 신청",
            "submit": "신청",
            "lead": "감사가 끝난 뒤 처분 전에 신청합니다 (공공감사법 제23조의2, 시행령 제13조의4). "
            "사전컨설팅 의견대로 처리한 업무는 접수번호를 적으면 면책 요건이 추정됩니다.",
        },
        status=400 if form.errors else 200,
    )


@login_required
def exemption_detail(request, case_number):
    case = perms.exemption_for(request, case_number)
    form = None
    if not case.decision and perms.can_review(request.user):
        form = ExemptionDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            svc.decide_exemption(
                request.user, case, decision=form.cleaned_data["decision"], reason=form.cleaned_data["reason"]
            )
            messages.success(request, "결정을 기록했습니다. 분기 면책 보고에 포함됩니다.")
            return redirect("reviews:exemption_detail", case_number=case_number)
    elif request.method == "POST":
        core_perms.deny_read_only(False)
    return render(
        request,
        "reviews/proactive/exemption_detail.html",
        {"case": case, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def quarterly_report(request):
    core_perms.deny_outsider(perms.can_see_rounds(request.user))
    default_year, default_quarter = svc.previous_quarter(_today())
    try:
        year = int(request.GET.get("year") or default_year)
        quarter = int(request.GET.get("quarter") or default_quarter)
        svc.quarter_bounds(year, quarter)
    except (ValueError, svc.ProactiveError):
        year, quarter = default_year, default_quarter
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage_selection(request.user))
        try:
            svc.submit_quarterly_report(request.user, year, quarter)
            messages.success(request, f"{year}년 {quarter}분기 면책 결정 보고를 기록했습니다.")
        except svc.ProactiveError as exc:
            messages.error(request, str(exc))
        return redirect(f"{request.path}?year={year}&quarter={quarter}")
    start, end = svc.quarter_bounds(year, quarter)
    return render(
        request,
        "reviews/proactive/quarterly_report.html",
        {
            "year": year,
            "quarter": quarter,
            "start": start,
            "end": end,
            "due": svc.report_due(year, quarter),
            "cases": svc.decisions_in(year, quarter),
            "done": QuarterlyExemptionReport.objects.filter(year=year, quarter=quarter).first(),
            "can_submit": perms.can_manage_selection(request.user) and _today() > end,
        },
    )
