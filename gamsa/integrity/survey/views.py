"""Risk self-assessment screens: questionnaires (create, open, close), the anonymous answer form, and the results
(aggregates only, groups under the minimum hidden, after closing) with the risk map and year-on-year change."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import permissions as core_perms
from gamsa.core.xlsx import csv_safe
from gamsa.integrity.survey import permissions as perms
from gamsa.integrity.survey import results as res
from gamsa.integrity.survey import services as svc
from gamsa.integrity.survey.forms import SCALE, AnswerForm, QuestionnaireForm
from gamsa.integrity.survey.models import Questionnaire, QuestionnaireStatus
from gamsa.integrity.viewkit import today


def _questionnaire(year: int) -> Questionnaire:
    q = Questionnaire.objects.filter(year=year).first() if 2000 <= year <= 2100 else None
    if q is None:
        raise Http404
    return q


@login_required
def survey_list(request):
    core_perms.deny_outsider(perms.can_see_results(request.user))
    year = today().year
    form = QuestionnaireForm(
        request.POST or None,
        initial={
            "year": year,
            "title": f"{year}년 간부 부패위험성 진단평가",
            "opens_on": today(),
            "closes_on": today(),
        },
    )
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_manage(request.user))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            last = Questionnaire.objects.order_by("-year").first()
            questions = svc.copy_questions(last) if last else svc.default_questions()
            try:
                q = svc.create_questionnaire(request.user, questions=questions, **d)
            except svc.SurveyError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{q.year}년 진단평가를 만들었습니다. 문항을 확인하고 시작하세요.")
                return redirect("integrity:survey_detail", year=q.year)
    rows = []
    for q in Questionnaire.objects.all():
        rows.append(
            {
                "q": q,
                "invited": q.invitations.count(),
                "answered": q.invitations.filter(answered=True).count(),
            }
        )
    return render(
        request,
        "integrity/survey/list.html",
        {"rows": rows, "form": form, "can_manage": perms.can_manage(request.user)},
        status=status,
    )


@login_required
def survey_detail(request, year: int):
    core_perms.deny_outsider(perms.can_see_results(request.user))
    q = _questionnaire(year)
    return render(
        request,
        "integrity/survey/detail.html",
        {
            "q": q,
            "questions": q.questions.select_related("area"),
            "invited": q.invitations.count(),
            "answered": q.invitations.filter(answered=True).count(),
            "map": res.risk_map(q),
            "can_manage": perms.can_manage(request.user),
            "statuses": QuestionnaireStatus,
        },
    )


@login_required
@require_POST
def survey_act(request, year: int, action: str):
    core_perms.deny_outsider(perms.can_see_results(request.user))
    core_perms.deny_read_only(perms.can_manage(request.user))
    q = _questionnaire(year)
    try:
        if action == "open":
            n = svc.open_questionnaire(request.user, q)
            messages.success(request, f"간부 {n:,}명에게 진단평가를 보냈습니다(내 업무에 표시).")
        elif action == "close":
            svc.close_questionnaire(request.user, q)
            messages.success(request, "진단평가를 마감했습니다.")
        else:
            raise Http404
    except svc.SurveyError as exc:
        messages.error(request, str(exc))
    return redirect("integrity:survey_detail", year=q.year)


@login_required
def survey_answer(request, year: int):
    q = Questionnaire.objects.filter(year=year).first() if 2000 <= year <= 2100 else None
    core_perms.deny_outsider(q is not None and perms.is_invited(request.user, q))
    invitation = q.invitations.get(user=request.user)
    questions = list(q.questions.select_related("area").order_by("number"))
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    status = 200
    if request.method == "POST" and not invitation.answered:
        status = 400
        if form.is_valid():
            try:
                svc.submit(request.user, q, form.values())
            except svc.SurveyError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "응답을 익명으로 저장했습니다. 감사합니다.")
                return redirect("integrity:survey_answer", year=q.year)
    return render(
        request,
        "integrity/survey/answer.html",
        {"q": q, "form": form, "answered": invitation.answered, "scale": SCALE},
        status=status,
    )


@login_required
def survey_export(request, year: int):
    core_perms.deny_outsider(perms.can_see_results(request.user))
    q = _questionnaire(year)
    data = res.risk_map(q)
    if not data or not data.get("total"):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="risk-assessment-{q.year}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    groups = [g["group"] for g in data["groups"]]
    writer.writerow(
        ["진단 분야", "구 전체 점수", "위험 수준", "전년 점수", "증감", *[f"{g} 점수" for g in groups]]
    )
    for row in data["rows"]:
        writer.writerow(
            [
                csv_safe(row["area"]),
                row["score"],
                row["level"],
                row["previous"] if row["previous"] is not None else "",
                row["change"] if row["change"] is not None else "",
                *[g["score"] for g in row["groups"]],
            ]
        )
    writer.writerow([])
    writer.writerow(
        ["응답 수", data["answers"], f"응답 {q.min_group}건 미만 집단 {data['hidden']}개는 표시하지 않음"]
    )
    return response
