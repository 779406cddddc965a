"""Near-duplicate candidates: the patrol team's queue of pending candidates, and the decision on one (link or
dismiss), made from the queue or from a record's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from gamsa.core import permissions as core_perms
from gamsa.core.legacy import moved
from gamsa.patrols.duplicates import permissions as perms
from gamsa.patrols.duplicates import services as svc
from gamsa.patrols.duplicates.selectors import subject_of
from gamsa.patrols.models import DuplicateCandidate, Finding, FindingStatus

PAGE_SIZE = 30


@login_required
def duplicate_decide_legacy(request, pk: int, decision: str):
    """The old address by database id: the same checks, then a permanent redirect (308 keeps the POST)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    candidate = perms.candidate_for(request, pk=pk)
    return moved(reverse("patrols:duplicate_decide", args=[candidate.public_id, decision]))


@login_required
def duplicate_decide(request, public_id, decision: str):
    """Link (중복으로 연결) or dismiss (별건) a candidate; back to the page it was decided on."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    candidate = perms.candidate_for(request, public_id=public_id)
    try:
        if decision == "link":
            svc.link_candidate(request.user, candidate)
            messages.success(request, "중복으로 연결했습니다.")
        elif decision == "dismiss":
            svc.dismiss_candidate(request.user, candidate)
            messages.success(request, "별건으로 표시했습니다.")
    except svc.CandidateError as exc:
        messages.error(request, str(exc))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        subject = subject_of(candidate)
        if isinstance(subject, Finding):
            target = reverse("patrols:finding_detail", args=[subject.case_number])
        else:
            target = reverse("patrols:field_detail", args=[subject.source_id])
    return redirect(target)


@login_required
def duplicate_queue(request):
    """Every pending candidate, newest first (the patrol team's review queue)."""
    core_perms.deny_outsider(perms.can_see_queue(request.user))
    qs = DuplicateCandidate.objects.filter(decision=DuplicateCandidate.Decision.PENDING).select_related(
        "subject_finding", "subject_complaint__item", "other_finding", "other_complaint__item"
    )
    page = Paginator(qs.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "patrols/duplicates/duplicate_queue.html",
        {"page": page, "can_decide": perms.can_decide_duplicates(request.user), "statuses": FindingStatus},
    )
