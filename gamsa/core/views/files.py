"""The personal file box (자료함): upload checked by content, download through a permission check."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from gamsa.core import permissions as perms
from gamsa.core import services
from gamsa.core.filecheck import ALLOWED_LABEL, FileRejected
from gamsa.core.forms import UploadForm
from gamsa.core.models import Attachment
from gamsa.core.sorting import sort_queryset

FILE_SORTS = {"name": "original_name", "kind": "kind", "size": "size", "uploaded": "uploaded_at"}


@login_required
def files(request):
    perms.deny_outsider(perms.can_upload(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > request_limit():
                    raise FileRejected(
                        f"파일이 너무 큽니다. {request_limit() // (1024 * 1024):,}MB 이하만 올릴 수 있습니다."
                    )
                attachment = services.store_attachment(
                    request.user, data=upload.read(), original_name=upload.name
                )
            except FileRejected as exc:
                form.add_error("file", str(exc))
                status = 400
            else:
                messages.success(request, f"'{attachment.original_name}' 파일을 올렸습니다.")
                return redirect("core:files")
        else:
            status = 400
    mine, _ = sort_queryset(
        request, Attachment.objects.filter(uploaded_by=request.user), FILE_SORTS, "-uploaded"
    )
    mine = mine[:100]
    return render(
        request,
        "core/files.html",
        {"form": form, "files": mine, "allowed": ALLOWED_LABEL, "limit": request_limit()},
        status=status,
    )


def request_limit() -> int:
    return settings.GAMSA_ATTACHMENT_MAX_BYTES


@login_required
def download(request, public_id):
    attachment = get_object_or_404(Attachment, public_id=public_id)
    perms.deny_outsider(perms.can_download(request.user, attachment))
    # A file may carry anyone's personal data: every download is in the access log.
    services.log_access(request.user, attachment, ["첨부파일"], action="download", request=request)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(attachment.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
