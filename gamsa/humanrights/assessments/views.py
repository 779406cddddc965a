"""인권영향평가 pages: the list (the office sees every draft; a department its own), a department's request,
one draft with its checklist, the office's assessment and the department's answer, and the checklist in force."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import calendar as legal
from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import Attachment, Event
from gamsa.humanrights import permissions as perms
from gamsa.humanrights import stats
from gamsa.humanrights.assessments import services as svc
from gamsa.humanrights.assessments.forms import AssessForm, DraftForm, RespondForm
from gamsa.humanrights.assessments.models import ChecklistVersion, Draft, Status
from gamsa.humanrights.common import today
from gamsa.humanrights.viewkit import attempt, year_param, years_around


@login_required
def draft_list(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_assessments(user))
    year = year_param(request)
    status = request.GET.get("status") if request.GET.get("status") in Status.values else ""
    rows = perms.visible_drafts(user, Draft.objects.select_related("department")).filter(year=year)
    if status:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("-received_at", "-id"), 30).get_page(request.GET.get("page"))
    now = legal.now()
    for d in page:
        d.overdue = d.status == Status.RECEIVED and d.due_at < now
    return render(
        request,
        "humanrights/assessments/list.html",
        {
            "page": page,
            "year": year,
            "years": years_around(),
            "status": status,
            "statuses": Status.choices,
            "counts": stats.assessment_counts(year) if perms.is_reader(user) else None,
            "can_submit": perms.can_submit_draft(user),
        },
    )


@login_required
def draft_create(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_assessments(user))
    core_perms.deny_read_only(perms.can_submit_draft(user))
    units = None if perms.is_rights_team(user) else perms.department_units(user)
    form = DraftForm(request.POST or None, request.FILES or None, units=units)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            d = dict(form.cleaned_data)
            upload = d.pop("file", None)
            file = (upload.read(), upload.name) if upload else None
            holder = {}
            try:
                error = attempt(lambda: holder.update(draft=svc.submit_draft(user, file=file, **d)))
            except FileRejected as exc:
                form.add_error("file", str(exc))
                error = "첨부한 파일을 확인하세요."
            if not error:
                draft = holder["draft"]
                messages.success(request, f"인권영향평가를 요청했습니다. 평가번호 {draft.case_number}, 평가 기한 "
                                          f"{legal.format_moment(draft.due_at)}.")  # fmt: skip
                return redirect("humanrights:assessment", case_number=draft.case_number)
        else:
            error = "입력한 값을 확인하세요."
    return render(
        request,
        "humanrights/assessments/form.html",
        {"form": form, "error": error},
        status=400 if error else 200,
    )


def _draft(request, case_number: str) -> Draft:
    draft = (
        Draft.objects.select_related("department", "checklist").filter(case_number=case_number[:20]).first()
    )
    if draft is None or not perms.can_open_draft(request.user, draft):
        raise Http404
    return draft


def _items(draft: Draft):
    checklist = draft.checklist or svc.checklist_in_force(draft.received_at.astimezone(legal.SEOUL).date())
    return checklist, list(checklist.items.all()) if checklist else []


def _detail(request, draft: Draft, bound: dict | None = None, error: str = "", status: int = 200):
    user = request.user
    bound = bound or {}
    checklist, items = _items(draft)
    answers = {a.item_id: a for a in draft.answers.all()}
    files = Attachment.objects.filter(owner_type="humanrights.draft", owner_id=draft.case_number)
    return render(
        request,
        "humanrights/assessments/detail.html",
        {
            "d": draft,
            "checklist": checklist,
            "rows": [(item, answers.get(item.pk)) for item in items],
            "files": files,
            "due_label": legal.format_moment(draft.due_at),
            "overdue": draft.status == Status.RECEIVED and draft.due_at < legal.now(),
            "assess_form": bound.get("assess") or AssessForm(items=items, initial={"assessed_on": today()}),
            "respond_form": bound.get("respond") or RespondForm(initial={"responded_on": today()}),
            "can_assess": perms.can_assess(user, draft) and draft.status == Status.RECEIVED,
            "can_respond": perms.can_respond(user, draft) and draft.status == Status.RECOMMENDED,
            "events": Event.objects.filter(target_type="humanrights.draft", target_id=draft.case_number)[:30],
            "error": error,
        },
        status=status,
    )


@login_required
def draft_detail(request, case_number: str):
    return _detail(request, _draft(request, case_number))


@login_required
@require_POST
def draft_act(request, case_number: str, action: str):
    draft = _draft(request, case_number)
    user = request.user
    if action == "assess":
        core_perms.deny_read_only(perms.can_assess(user, draft))
        form = AssessForm(request.POST, items=_items(draft)[1])
    elif action == "respond":
        core_perms.deny_read_only(perms.can_respond(user, draft))
        form = RespondForm(request.POST)
    else:
        raise Http404
    if not form.is_valid():
        return _detail(request, draft, {action: form}, "입력한 값을 확인하세요.", 400)
    d = form.cleaned_data
    if action == "assess":
        error = attempt(lambda: svc.assess(user, draft, answers=form.answers(), recommendation=d["recommendation"],
                                           recommendation_text=d["recommendation_text"], assessed_on=d["assessed_on"]))  # fmt: skip
        done = "평가 결과를 기록했습니다."
    else:
        error = attempt(lambda: svc.respond(user, draft, **d))
        done = "개정 권고에 회신했습니다."
    if error:
        return _detail(request, draft, {action: form}, error, 400)
    messages.success(request, done)
    return redirect("humanrights:assessment", case_number=case_number)


@login_required
def checklist(request):
    core_perms.deny_outsider(perms.can_see_assessments(request.user))
    current = svc.checklist_in_force(today())
    return render(
        request,
        "humanrights/assessments/checklist.html",
        {
            "current": current,
            "items": current.items.all() if current else [],
            "versions": ChecklistVersion.objects.all(),
        },
    )
