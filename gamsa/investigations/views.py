"""Investigation screens. Every case is loaded through `_case_for` (404 unless the user may open it), and every
opening of a case, a statement or an evidence file is in the access log."""

from __future__ import annotations

import csv
import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.core import calendar as legal
from gamsa.core import permissions as core_perms
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import AccessLog, Event
from gamsa.core.services import log_access
from gamsa.core.sorting import sort_queryset
from gamsa.core.xlsx import csv_safe
from gamsa.hotline import keys
from gamsa.investigations import casefile, selectors
from gamsa.investigations import forms as f
from gamsa.investigations import permissions as perms
from gamsa.investigations import services as svc
from gamsa.investigations.models import Case, EvidenceFile, Statement, Status

PAGE_SIZE = 30
CASE_SORTS = {
    "number": "case_number",
    "title": "title",
    "source": "source",
    "status": "status",
    "received": "received_on",
    "limit": "nearest_expiry",  # the 징계시효 closest to running out: the default of the open cases
    "closed": "closed_on",
}
CASE_FIELDS = ["대상자 성명", "소속", "직급", "비위 사실"]


def _today() -> dt.date:
    return legal.now().date()


def _case_for(request, case_number: str) -> Case:
    case = Case.objects.filter(case_number=case_number).first()
    if case is None or not perms.can_open(request.user, case):
        raise Http404
    return case


def _case_private(request, case: Case) -> tuple[bytes | None, str]:
    """The case-file key with the user's unlocked staff key (and the grants brought up to date), or why not."""
    try:
        private = casefile.case_private(case, request.user, keys.unlocked_private(request))
    except casefile.CaseFileError as exc:
        return None, str(exc)
    casefile.sync_grants(case, private, request.user)
    return private, ""


def _locked_page(request, case: Case, why: str):
    response = render(
        request,
        "investigations/unlock_needed.html",
        {"c": case, "why": why, "key_url": f"{reverse('hotline_office:key')}?next={quote(request.path)}"},
        status=403,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_list(request):
    core_perms.deny_outsider(perms.can_use_desk(request.user))
    closed = request.GET.get("status") == "closed"
    if closed:
        rows = perms.visible_cases(request.user, Case.objects.filter(status=Status.CLOSED))
    else:
        rows = selectors.open_cases(request.user)
    rows, _ = sort_queryset(request, rows, CASE_SORTS, default="-closed" if closed else "limit")
    page = Paginator(
        rows.only("case_number", "title", "source", "status", "received_on", "nearest_expiry"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    today = _today()
    for case in page:
        case.days_left = selectors.days_left(case.nearest_expiry, today)
    return render(
        request,
        "investigations/list.html",
        {
            "page": page,
            "closed": closed,
            "can_receive": perms.can_receive(request.user),
            "near": svc.NEAR_DAYS,
            "can_export": perms.can_export(request.user),
        },
    )


@login_required
def case_create(request):
    core_perms.deny_outsider(perms.can_use_desk(request.user))
    core_perms.deny_read_only(perms.can_receive(request.user))
    form = f.CaseForm(request.POST or None, initial={"received_on": _today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        allegations = [
            {
                "type": d["allegation_type"],
                "act_date": d["act_date"],
                "description": d["allegation_description"],
            }
        ]
        if d.get("allegation_type_2"):
            allegations.append({"type": d["allegation_type_2"], "act_date": d["act_date_2"]})
        try:
            case = svc.receive_case(
                request.user,
                title=d["title"],
                summary=d["summary"],
                source=d["source"],
                received_on=d["received_on"],
                external_body=d["external_body"],
                external_body_name=d["external_body_name"],
                document_number=d["document_number"],
                document_date=d["document_date"],
                public_interest_report=d.get("public_interest_report"),
                grievance=d.get("grievance"),
                subjects=[
                    {
                        "name": d["subject_name"],
                        "unit": d["subject_unit"],
                        "grade": d["subject_grade"],
                        "position": d["subject_position"],
                        "allegations": allegations,
                    }
                ],
            )
        except svc.InvestigationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"사건 {case.case_number}을(를) 접수했습니다.")
            return redirect("investigations:detail", case_number=case.case_number)
    status = 400 if request.method == "POST" else 200
    return render(request, "investigations/form.html", {"form": form, "action_error": error}, status=status)


ADD_SUBJECT_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.INVESTIGATING)


@login_required
def add_subjects(request, case_number: str):
    """대상자 추가: one or more subject officials found after receipt, each with their allegations."""
    case = _case_for(request, case_number)
    core_perms.deny_read_only(perms.can_add_subjects(request.user, case))
    formset = f.SubjectFormSet(request.POST or None, prefix="subjects")
    error = ""
    if request.method == "POST" and formset.is_valid():
        try:
            added = svc.add_subjects(request.user, case, formset.subjects())
        except svc.InvestigationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"대상자 {len(added)}명을 추가했습니다.")
            return redirect("investigations:detail", case_number=case.case_number)
    status = 400 if request.method == "POST" else 200
    response = render(
        request,
        "investigations/add_subjects.html",
        {
            "c": case,
            "formset": formset,
            "action_error": error,
            "open_to_add": case.status in ADD_SUBJECT_STATUSES,
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def _action_forms(case, subjects, bound: dict | None = None) -> dict:
    bound = bound or {}
    today = _today()
    return {
        "assign": bound.get("assign") or f.AssignForm(initial={"on": today}),
        "start": bound.get("start") or f.DateForm(initial={"on": today}),
        "statement": bound.get("statement")
        or f.StatementForm(subjects=subjects, initial={"taken_on": today}),
        "evidence": bound.get("evidence") or f.EvidenceForm(),
        "diary": bound.get("diary") or f.DiaryForm(initial={"on": today}),
        "block": bound.get("block") or f.BlockForm(),
        "report": bound.get("report") or f.ReportForm(subjects=subjects, initial={"on": today}),
        "close": bound.get("close") or f.DateForm(initial={"on": today}),
    }


@login_required
def case_detail(request, case_number: str, bound: dict | None = None, error: str = "", status: int = 200):
    case = _case_for(request, case_number)
    log_access(request.user, case, CASE_FIELDS, request=request, reason="조사 사건 열람")
    today = _today()
    subjects = list(case.subjects.select_related("unit").prefetch_related("allegations__allegation_type"))
    for s in subjects:
        for a in s.allegations.all():
            a.days_left = selectors.days_left(a.expires_on, today)
        s.start_notice_due = svc.unit_notice_due(case.investigation_started_on)
        s.end_notice_due = svc.unit_notice_due(case.investigation_ended_on)
    private, why = _case_private(request, case)
    evidence = list(EvidenceFile.objects.filter(case=case))
    for e in evidence:
        e.name = casefile.evidence_name(case, private, e) if private else ""
    context = {
        "c": case,
        "subjects": subjects,
        "statements": case.statements.all(),
        "diary": case.diary.select_related("author"),
        "evidence": evidence,
        "file_locked": why,
        "key_url": f"{reverse('hotline_office:key')}?next={quote(request.path)}",
        "assignments": case.assignments.filter(ended_on__isnull=True).select_related("investigator"),
        "events": Event.objects.filter(target_type="investigations.case", target_id=case.case_number)[:50],
        "forms": _action_forms(case, subjects, bound),
        "can_assign": perms.can_assign(request.user, case),
        "can_investigate": perms.can_investigate(request.user, case),
        "can_decide": perms.can_decide(request.user, case),
        "can_add_subjects": perms.can_add_subjects(request.user, case)
        and case.status in ADD_SUBJECT_STATUSES,
        "action_error": error,
        "near": svc.NEAR_DAYS,
        "action_choices": f.SubjectActionForm.base_fields["action"].choices,
        "penalty_choices": f.DecisionForm.base_fields["decision"].choices,
        "today": today,
    }
    response = render(request, "investigations/detail.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _subject(case, form):
    subject = case.subjects.filter(public_id=form.cleaned_data["subject"]).first()
    if subject is None:
        raise svc.InvestigationError("대상자를 찾을 수 없습니다.")
    return subject


def _run(action, request, case, form):
    d, user = form.cleaned_data, request.user
    if action == "assign":
        svc.assign(user, case, list(d["investigators"]), d["on"], private=keys.unlocked_private(request))
        return "조사관을 배정했습니다."
    if action == "start":
        svc.start_investigation(user, case, d["on"])
        return "조사를 시작했습니다."
    if action == "statement":
        subject = case.subjects.filter(public_id=d["subject"]).first() if d["subject"] else None
        svc.add_statement(
            user,
            case,
            taken_on=d["taken_on"],
            text=d["text"],
            subject=subject,
            kind=d["kind"],
            deponent_role="대상자" if subject else "참고인",
        )
        return "진술을 기록했습니다."
    if action == "evidence":
        upload = d["file"]
        svc.add_evidence(user, case, data=upload.read(), original_name=upload.name)
        return "증거 파일을 등록했습니다."
    if action == "diary":
        svc.add_diary(user, case, on=d["on"], text=d["text"])
        return "조사 일지를 기록했습니다."
    if action == "block":
        svc.record_block(user, case, body=d["body"], started_on=d["started_on"], ended_on=d["ended_on"])
        return "감사원 조사·수사 통보를 기록했습니다."
    if action == "report":
        findings = {k.removeprefix("finding_"): v for k, v in d.items() if k.startswith("finding_")}
        svc.report_findings(user, case, on=d["on"], report=d["report"], findings=findings)
        return "조사 결과를 보고했습니다."
    if action == "action":
        svc.decide_action(
            user, _subject(case, form), action=d["action"], on=d["on"], transferred_to=d["transferred_to"]
        )
        return "조치를 기록했습니다."
    if action == "notice":
        svc.record_unit_notice(user, _subject(case, form), d["kind"], d["on"])
        return "소속 기관 통보를 기록했습니다."
    if action == "discipline":
        svc.request_discipline(user, _subject(case, form), on=d["on"])
        return "징계의결을 요구했습니다."
    if action == "decision":
        svc.record_decision(user, _subject(case, form), decision=d["decision"], received_on=d["received_on"])
        return "의결 결과를 기록했습니다."
    if action == "disposition":
        svc.record_disposition(user, _subject(case, form), on=d["on"])
        return "징계 처분을 기록했습니다."
    if action == "close":
        svc.close_case(user, case, on=d["on"])
        return "사건을 종결했습니다."
    raise Http404


FORMS = {
    "assign": (f.AssignForm, perms.can_assign),
    "start": (f.DateForm, perms.can_investigate),
    "statement": (f.StatementForm, perms.can_investigate),
    "evidence": (f.EvidenceForm, perms.can_investigate),
    "diary": (f.DiaryForm, perms.can_investigate),
    "block": (f.BlockForm, perms.can_investigate),
    "report": (f.ReportForm, perms.can_investigate),
    "notice": (f.UnitNoticeForm, perms.can_investigate),
    "action": (f.SubjectActionForm, perms.can_decide),
    "discipline": (f.SubjectDateForm, perms.can_decide),
    "decision": (f.DecisionForm, perms.can_decide),
    "disposition": (f.SubjectDateForm, perms.can_decide),
    "close": (f.DateForm, perms.can_decide),
}


@login_required
@require_POST
def case_act(request, case_number: str, action: str):
    case = _case_for(request, case_number)
    if action not in FORMS:
        raise Http404
    form_class, allowed = FORMS[action]
    core_perms.deny_read_only(allowed(request.user, case))
    kwargs = {"subjects": list(case.subjects.all())} if action in ("statement", "report") else {}
    form = (
        form_class(request.POST, request.FILES, **kwargs)
        if action == "evidence"
        else form_class(request.POST, **kwargs)
    )
    if not form.is_valid():
        return case_detail(
            request, case_number, bound={action: form}, error="입력한 값을 확인하세요.", status=400
        )
    try:
        message = _run(action, request, case, form)
    except svc.InvestigationError as exc:
        return case_detail(request, case_number, bound={action: form}, error=str(exc), status=400)
    except svc.Denied:
        raise core_perms.PermissionDenied from None
    except FileRejected as exc:  # core's upload check, a Korean message
        return case_detail(request, case_number, bound={action: form}, error=str(exc), status=400)
    messages.success(request, message)
    return redirect("investigations:detail", case_number=case_number)


@login_required
def statement_detail(request, case_number: str, public_id):
    case = _case_for(request, case_number)
    statement = Statement.objects.filter(case=case, public_id=public_id).first()
    if statement is None:
        raise Http404
    private, why = _case_private(request, case)
    if private is None:
        return _locked_page(request, case, why)
    text = casefile.open_statement(case, private, statement)
    log_access(
        request.user,
        statement,
        ["진술 내용"],
        request=request,
        reason="진술 열람",
        target_id=str(statement.public_id),
    )
    response = render(request, "investigations/statement.html", {"c": case, "s": statement, "text": text})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def evidence_download(request, case_number: str, public_id):
    case = _case_for(request, case_number)
    evidence = EvidenceFile.objects.filter(case=case, public_id=public_id).first()
    if evidence is None:
        raise Http404
    private, why = _case_private(request, case)
    if private is None:
        return _locked_page(request, case, why)
    name, content_type, chunks = casefile.evidence_body(case, private, evidence)
    log_access(
        request.user,
        evidence,
        ["증거 파일"],
        action=AccessLog.Action.DOWNLOAD,
        request=request,
        reason="증거 파일 열람",
        target_id=str(evidence.public_id),
    )
    response = StreamingHttpResponse(chunks(), content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def export_csv(request):
    """The redacted export for reporting: names → 김○○, the unit kept; no statements."""
    core_perms.deny_outsider(perms.can_use_desk(request.user))
    core_perms.deny_read_only(perms.can_export(request.user))
    cases = selectors.with_outcomes(perms.visible_cases(request.user, Case.objects.all())).order_by(
        "received_on", "id"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="investigations-redacted.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "사건번호",
            "접수일",
            "출처",
            "상태",
            "결과",
            "대상자",
            "소속",
            "직급",
            "비위 유형",
            "행위일",
            "징계시효",
            "조치",
        ]
    )
    labels = dict(selectors.OUTCOMES)
    count = 0
    for case in cases.prefetch_related("subjects__unit", "subjects__allegations__allegation_type"):
        for s in case.subjects.all():
            for a in s.allegations.all():
                count += 1
                writer.writerow(
                    [
                        csv_safe(v)
                        for v in (
                            case.case_number,
                            case.received_on.isoformat(),
                            case.get_source_display(),
                            case.get_status_display(),
                            labels[selectors.outcome_of(case)],
                            selectors.redact_name(s.name),
                            s.unit.name,
                            s.get_grade_display(),
                            a.allegation_type.label,
                            a.act_date.isoformat(),
                            a.expires_on.isoformat(),
                            s.get_action_display(),
                        )
                    ]
                )
    log_access(
        request.user,
        None,
        ["대상자(가명 처리)", "소속", "비위 사실"],
        action=AccessLog.Action.EXPORT,
        request=request,
        reason="조사 사건 내보내기(가명 처리)",
        count=count,
        target_type="investigations.case",
        target_id="export",
    )
    return response


@login_required
def stats(request):
    core_perms.deny_outsider(perms.can_use_desk(request.user))
    try:
        year = int(request.GET.get("year") or _today().year)
    except ValueError:
        year = _today().year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "investigations/stats.html",
        {
            "s": selectors.statistics(year),
            "outcomes": selectors.OUTCOMES,
            "years": range(_today().year, _today().year - 6, -1),
        },
    )
