"""POST actions on a case. Each loads the case through its rule (permissions.grievance_for), validates its form
and calls one service.

On a refusal the case screen is shown again with the message and everything the user typed (status 400).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.forms import (
    AnswerForm,
    AssignForm,
    ExtensionForm,
    JointForm,
    ReasonForm,
    RefileForm,
    RejectForm,
    ReviewForm,
    SiteSurveyForm,
    TransferForm,
)
from gamsa.complaints.grievances.models import Grievance
from gamsa.complaints.grievances.views.desk import detail


def _assign(user, g, data):
    svc.assign(user, g, department=data["department"], handler=data["handler"], note=data["note"])
    return "배정했습니다."


def _acknowledge(user, g, data):
    svc.acknowledge_assignment(user, g)
    return "새로 배정된 민원을 확인했습니다."


def _start(user, g, data):
    svc.start_processing(user, g)
    return "처리를 시작했습니다."


def _supplement(user, g, data):
    svc.request_supplement(user, g, reason=data["reason"])
    return "보완을 요청했습니다. 보완하는 동안 처리기간은 정지됩니다."


def _site_survey(user, g, data):
    svc.start_site_survey(user, g, days=data["days"], reason=data["reason"])
    return "현장조사를 시작했습니다. 현장조사 기간은 처리기간에 넣지 않습니다."


def _survey_extend(user, g, data):
    svc.extend_site_survey(user, g, days=data["days"], reason=data["reason"])
    return "현장조사 기간을 연장했습니다."


def _resume(user, g, data):
    svc.resume(user, g)
    return "처리를 재개했습니다. 정지된 기간만큼 처리기한이 늦춰졌습니다."


def _extend(user, g, data):
    ext = svc.extend_deadline(
        user,
        g,
        reason=data["reason"],
        reason_detail=data["reason_detail"],
        amount=data["amount"],
        consent=data["consent"],
        consent_note=data["consent_note"],
    )
    return f"{ext.number}차 연장했습니다. 연장 통지문이 만들어졌습니다."


def _answer(user, g, data):
    from gamsa.complaints.grievances.approvals import draft_answer

    approval = draft_answer(
        user,
        g,
        method=data["method"],
        outcome=data["outcome"],
        text=data["text"],
        reasons=data["reasons"],
        remedies=data["remedies"],
        cooperating_units=data.get("cooperating_units") or (),
    )
    first = approval.steps.filter(round=approval.round, state="current").select_related("assignee").first()
    who = f" ({first.title} {first.assignee.display_name})" if first else ""
    return f"답변을 결재에 올렸습니다{who}. 최종 결재가 끝나면 민원인에게 통지됩니다."


def _close(user, g, data):
    svc.close(user, g)
    return "종결했습니다."


def _transfer(user, g, data):
    svc.transfer(user, g, agency=data["agency"], reason=data["reason"])
    return "이송했습니다. 민원인에게 이송 통지가 만들어졌습니다."


def _reject(user, g, data):
    svc.reject(user, g, reasons=data["reasons"], remedies=data["remedies"])
    return "반려했습니다."


def _withdraw(user, g, data):
    svc.withdraw(user, g, note=data["reason"])
    return "취하로 처리했습니다."


def _progress(user, g, data):
    svc.send_progress_notice(user, g, text=data["reason"])
    return "중간 통지를 기록했습니다."


def _review(user, g, data):
    candidate = perms.visible_grievance(user, data["candidate"])
    if candidate is None:
        raise svc.GrievanceError("비교할 민원을 찾을 수 없습니다.")
    review = svc.review_similarity(
        user,
        g,
        candidate,
        decision=data["decision"],
        score=data.get("score") or 0.0,
        new_grounds=data["new_grounds"],
        note=data["note"],
    )
    if review.decision == "confirmed" and not review.same_complainant:
        return f"{candidate.case_number}을(를) 같은 사안(다른 민원인)으로 확인해 공동 처리로 연결했습니다. 법 제23조 반복 횟수에는 들어가지 않습니다."
    if review.decision == "confirmed":
        return f"{candidate.case_number}을(를) 같은 민원인의 같은 민원으로 확인했습니다 (법 제23조 반복 횟수에 들어감)."
    return "다른 민원으로 기록했습니다."


def _joint(user, g, data):
    from gamsa.complaints.grievances.similarity import same_complainant

    other = perms.visible_grievance(
        user, data["candidate"], queryset=Grievance.objects.select_related("complainant")
    )
    if other is None:
        raise svc.GrievanceError("연결할 민원을 찾을 수 없습니다.")
    if same_complainant(g.complainant, other.complainant):
        raise svc.GrievanceError(
            "같은 민원인의 민원입니다. 공동 처리가 아니라 반복민원 여부를 판단하세요 (법 제23조)."
        )
    group = svc.link_joint_handling(user, g, other, note=data["note"])
    return f"{other.case_number}을(를) 공동 처리로 연결했습니다 (같은 사안 {len(group)}건). 법 제23조 반복 횟수에는 들어가지 않습니다."


def _closure_request(user, g, data):
    from gamsa.complaints.grievances.approvals import request_internal_closure

    request_internal_closure(user, g, reason=data["reason"])
    return "내부종결을 결재에 올렸습니다. 부서장이 결재하면 종결됩니다."


def _refile(user, g, data):
    receipt = svc.refile(user, g, title=data["title"], body=data["body"], channel=data["channel"])
    return (
        f"재민원 {receipt.grievance.case_number}(으)로 접수했습니다. 감사담당관이 조사합니다 (영 제17조②).",
        receipt.grievance,
    )


def _unlock_status(user, g, data):
    from gamsa.complaints.grievances import status_lookup

    status_lookup.unlock(user, g)
    return "처리상황 조회 잠금을 풀었습니다. 민원인이 다시 조회할 수 있습니다."


# action → (form, the rule it needs: a key of permissions.RULES, service wrapper)
ACTIONS = {
    "assign": (AssignForm, "manage", _assign),
    "acknowledge": (None, "acknowledge", _acknowledge),
    "start": (None, "answer", _start),
    "supplement": (ReasonForm, "answer", _supplement),
    "site_survey": (SiteSurveyForm, "answer", _site_survey),
    "survey_extend": (SiteSurveyForm, "answer", _survey_extend),
    "resume": (None, "answer", _resume),
    "extend": (ExtensionForm, "extend", _extend),
    "answer": (AnswerForm, "answer", _answer),
    "close": (None, "manage", _close),
    "transfer": (TransferForm, "manage", _transfer),
    "reject": (RejectForm, "manage", _reject),
    "withdraw": (ReasonForm, "manage", _withdraw),
    "progress": (ReasonForm, "answer", _progress),
    "review": (ReviewForm, "manage", _review),
    "joint": (JointForm, "manage", _joint),
    "closure_request": (ReasonForm, "answer", _closure_request),
    "refile": (RefileForm, "manage", _refile),
    "unlock_status": (None, "manage", _unlock_status),
}


@login_required
@require_POST
def act(request, case_number: str, action: str):
    if action not in ACTIONS:
        raise Http404
    form_class, rule, run = ACTIONS[action]
    g = perms.grievance_for(request, case_number, rule)
    form = None
    if form_class is AssignForm:
        form = AssignForm(request.POST, handlers_url=reverse("complaints:handler_options"))
    elif form_class:
        form = form_class(request.POST)
    if form is not None and not form.is_valid():
        return detail(
            request, case_number, forms={action: form, "_error": "입력한 내용을 확인하세요."}, status=400
        )
    try:
        message = run(request.user, g, form.cleaned_data if form else {})
    except svc.GrievanceError as exc:
        if form is not None:
            form.add_error(None, str(exc))
        return detail(request, case_number, forms={action: form, "_error": str(exc)}, status=400)
    if isinstance(message, tuple):  # the action made a new case: show it
        message, g = message
    messages.success(request, message)
    if action == "acknowledge":  # confirmed from the desk (내 업무) without opening the case
        return redirect("core:home")
    return redirect("complaints:detail", case_number=get_object_or_404(Grievance, pk=g.pk).case_number)


@login_required
@require_POST
def upload(request, case_number: str):
    """Attach a file to the case (photos lose their EXIF/GPS data; kinds are checked by content)."""
    from gamsa.core.filecheck import FileRejected
    from gamsa.core.services import store_attachment

    g = perms.grievance_for(request, case_number, "answer")
    upload = request.FILES.get("file")
    if upload is None:
        return detail(request, case_number, forms={"_error": "올릴 파일을 고르세요."}, status=400)
    try:
        if upload.size > settings.GAMSA_ATTACHMENT_MAX_BYTES:
            raise FileRejected(
                f"파일이 너무 큽니다. {settings.GAMSA_ATTACHMENT_MAX_BYTES // (1024 * 1024):,}MB 이하만 올릴 수 있습니다."
            )
        attachment = store_attachment(request.user, data=upload.read(), original_name=upload.name, owner=g)
    except FileRejected as exc:
        return detail(request, case_number, forms={"_error": str(exc)}, status=400)
    messages.success(request, f"'{attachment.original_name}' 파일을 첨부했습니다.")
    return redirect("complaints:detail", case_number=g.case_number)
