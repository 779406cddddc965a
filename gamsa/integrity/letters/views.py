"""청렴공한문 screens: batches, the recipients' upload (core import pipeline), producing letters (a background job
with a progress bar), recipients (access-logged), template versions with a preview, the retention rule."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gamsa.core import imports
from gamsa.core import permissions as core_perms
from gamsa.core.services import create_job, log_access
from gamsa.integrity.letters import merge
from gamsa.integrity.letters import permissions as perms
from gamsa.integrity.letters import services as svc
from gamsa.integrity.letters.forms import ProduceForm, RecipientsForm, RetentionForm, TemplateForm
from gamsa.integrity.letters.importing import RECIPIENTS_IMPORT
from gamsa.integrity.letters.models import Batch, BatchStatus, LetterPolicy, LetterTemplate
from gamsa.integrity.letters.recipients import COLUMNS
from gamsa.integrity.viewkit import today, year_choices, year_param

RECIPIENT_FIELDS = ["성명", "주소", "우편번호", "업무 구분", "처리 부서", "처리일", "전자우편"]


def _batch_for(request, number: str, *, work: bool = False) -> Batch:
    batch = (
        Batch.objects.filter(number=number).select_related("template", "pdf", "hwpx", "produce_job").first()
    )
    if batch is None or not perms.can_see_batches(request.user):
        raise Http404
    if work:
        core_perms.deny_read_only(perms.can_work(request.user))
    return batch


@login_required
def batch_list(request):
    core_perms.deny_outsider(perms.can_see_batches(request.user))
    year = year_param(request)
    rows = Batch.objects.filter(created_at__year=year).select_related("template")
    totals = rows.aggregate(letters=Sum("recipient_count"), emailed=Sum("emailed_count"))
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "integrity/letters/list.html",
        {
            "page": page,
            "year": year,
            "years": year_choices(),
            "totals": totals,
            "template": svc.current_template(),
            "retention": svc.retention_days(),
            "can_work": perms.can_work(request.user),
        },
    )


@login_required
def upload(request):
    core_perms.deny_outsider(perms.can_see_batches(request.user))
    core_perms.deny_read_only(perms.can_work(request.user))
    form = RecipientsForm(request.POST if request.method == "POST" else None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                job = imports.accept_upload(RECIPIENTS_IMPORT, request.user, form.cleaned_data["file"])
            except imports.Refused as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("integrity:letters_import_job", public_id=job.public_id)
    return render(
        request,
        "integrity/letters/upload.html",
        {
            "form": form,
            "columns": COLUMNS,
            "template": svc.current_template(),
            "retention": svc.retention_days(),
        },
        status=status,
    )


@login_required
def import_job(request, public_id):
    core_perms.deny_outsider(perms.can_work(request.user))
    job = imports.job_of(RECIPIENTS_IMPORT, request.user, public_id)
    if job is None:
        raise Http404
    template = (
        "integrity/letters/_import_status.html" if request.htmx else "integrity/letters/import_job.html"
    )
    return render(request, template, imports.result_context(job))


@login_required
def batch_detail(request, number: str):
    batch = _batch_for(request, number)
    return render(
        request,
        "integrity/letters/detail.html",
        {
            "batch": batch,
            "job": batch.produce_job,
            "form": ProduceForm(initial={"send_email": not batch.emailed_count}),
            "can_work": perms.can_work(request.user),
            "statuses": BatchStatus,
        },
    )


@login_required
@require_POST
def produce(request, number: str):
    from gamsa.integrity.letters.tasks import produce_letters_task

    batch = _batch_for(request, number, work=True)
    form = ProduceForm(request.POST)
    form.is_valid()
    send_email = bool(form.cleaned_data.get("send_email"))
    job = create_job(
        request.user,
        kind="integrity_letters_produce",
        label=f"청렴공한문 {batch.number} 만들기",
        params={"batch": str(batch.public_id)},
    )
    try:
        svc.mark_producing(request.user, batch, job, send_email=send_email)
    except svc.LetterError as exc:
        job.delete()
        messages.error(request, str(exc))
        return redirect("integrity:letters_detail", number=batch.number)
    produce_letters_task.enqueue(job_id=job.pk)
    messages.success(request, "편지를 만들기 시작했습니다. 이 화면에서 진행 상황을 볼 수 있습니다.")
    return redirect("integrity:letters_detail", number=batch.number)


@login_required
def recipients(request, number: str):
    batch = _batch_for(request, number)
    core_perms.deny_outsider(perms.can_work(request.user))
    page = Paginator(batch.recipients.order_by("position"), 100).get_page(request.GET.get("page"))
    log_access(
        request.user,
        batch,
        RECIPIENT_FIELDS,
        request=request,
        count=len(page.object_list),
        reason="청렴공한문 받는 사람 열람",
    )
    return render(request, "integrity/letters/recipients.html", {"batch": batch, "page": page})


@login_required
def templates(request):
    core_perms.deny_outsider(perms.can_see_batches(request.user))
    current = svc.current_template()
    form = TemplateForm(
        request.POST if request.method == "POST" else None,
        initial={**TemplateForm.initial_from(current), "effective_from": today()},
    )
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_work(request.user))
        status = 400
        if form.is_valid():
            try:
                template = svc.publish_template(request.user, **form.cleaned_data)
            except svc.LetterError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"서식 제{template.version}판을 등록했습니다.")
                return redirect("integrity:letters_templates")
    return render(
        request,
        "integrity/letters/templates.html",
        {
            "templates": LetterTemplate.objects.all()[:30],
            "current": current,
            "form": form,
            "can_work": perms.can_work(request.user),
            "placeholders": ["{성명}", "{업무구분}", "{처리부서}", "{처리일}"],
        },
        status=status,
    )


SAMPLE = merge.Person(
    name="홍길동",
    address="서울특별시 영등포구 당산로 123",
    postal_code="07260",
    business_type="건축 인허가",
    handling_unit="건축과",
    handled_on=dt.date(2026, 3, 2),
)


@login_required
def template_preview(request, public_id):
    core_perms.deny_outsider(perms.can_see_batches(request.user))
    template = LetterTemplate.objects.filter(public_id=public_id).first()
    if template is None:
        raise Http404
    data = merge.render_pdf(merge.Letterhead.of(template), [SAMPLE], issued_on=today(), processes=1)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-template-{template.version}.pdf"'
    return response


@login_required
def retention(request):
    core_perms.deny_outsider(perms.can_see_batches(request.user))
    form = RetentionForm(
        request.POST if request.method == "POST" else None,
        initial={"effective_from": today(), "retention_days": svc.retention_days()},
    )
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(perms.can_work(request.user))
        status = 400
        if form.is_valid():
            try:
                svc.set_retention(request.user, **form.cleaned_data)
            except svc.LetterError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "보존기간을 정했습니다.")
                return redirect("integrity:letters_retention")
    return render(
        request,
        "integrity/letters/retention.html",
        {
            "form": form,
            "policies": LetterPolicy.objects.all(),
            "current": svc.retention_days(),
            "can_work": perms.can_work(request.user),
        },
        status=status,
    )
