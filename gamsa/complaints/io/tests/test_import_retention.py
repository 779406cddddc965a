"""The grievance file (names, phones) leaves media/imports/ in every outcome of the web import: confirmed and
committed, committed nothing at confirmation, crashed, never confirmed (swept after the keep time), and its field
complaint neighbour's refused file never stays either. Real files on disk, through the pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from gamsa.complaints.io import importing
from gamsa.complaints.io.tests.test_import_export import GOOD, csv_bytes, fresh, officer  # noqa: F401
from gamsa.complaints.models import Grievance
from gamsa.core.models import Job


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def stored(media: Path) -> list[Path]:
    root = media / "imports"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload_check(client, rows=GOOD):
    handle = io.BytesIO(csv_bytes(rows))
    handle.name = "민원.csv"
    response = client.post("/grievances-io/import/", {"file": handle})
    assert response.status_code == 302, response.content.decode()[:500]
    return Job.objects.get(
        kind="grievance_import_check", public_id=response["Location"].rstrip("/").split("/")[-1]
    )


def test_confirmed_and_committed(fresh, client, login, media, django_capture_on_commit_callbacks):  # noqa: F811
    login("complaints")
    with django_capture_on_commit_callbacks(execute=True):
        check = upload_check(client)
    assert len(stored(media)) == 1 and "김민원" in stored(media)[0].read_text("utf-8-sig")
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/grievances-io/import/{check.public_id}/confirm/", {})
    assert done.status_code == 302
    assert Grievance.objects.count() == 3 and stored(media) == []


def test_confirmed_but_nothing_committed(fresh, client, login, media, django_capture_on_commit_callbacks):  # noqa: F811
    """The check passed, then the kept number 2026-000101 was registered by someone else: the commit refuses the
    row, registers nothing, and the file still goes."""
    login("complaints")
    with django_capture_on_commit_callbacks(execute=True):
        check = upload_check(client)
    importing.import_grievances(officer(), csv_bytes(GOOD[:1]))
    assert Grievance.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/grievances-io/import/{check.public_id}/confirm/", {})
    job = Job.objects.get(kind="grievance_import")
    assert job.status == Job.Status.DONE and not job.result["committed"] and job.result["error_count"] == 1
    assert "아무것도 등록하지 않았습니다" in job.message
    assert Grievance.objects.count() == 1 and stored(media) == []


def test_crashed_commit(fresh, client, login, media, django_capture_on_commit_callbacks, monkeypatch):  # noqa: F811
    """A fault inside the import (here the database refusing a write) fails the job and removes the file."""
    from django.db import DatabaseError

    login("complaints")
    with django_capture_on_commit_callbacks(execute=True):
        check = upload_check(client)

    def refuse(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(importing, "_advance_counters", refuse)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/grievances-io/import/{check.public_id}/confirm/", {})
    assert response.status_code == 500
    job = Job.objects.get(kind="grievance_import")
    assert job.status == Job.Status.FAILED and job.message == "가져오기에 실패했습니다: DatabaseError"
    assert Grievance.objects.count() == 0 and stored(media) == []


def test_never_confirmed_is_swept_after_the_keep_time(fresh, client, login, media, settings):  # noqa: F811
    import os
    import time

    settings.GAMSA_IMPORT_UPLOAD_KEEP_HOURS = 24
    login("complaints")
    check = upload_check(client)
    [path] = stored(media)
    out = io.StringIO()
    call_command("prune_logs", stdout=out)
    assert path.exists()  # waits for the confirmation
    Job.objects.filter(pk=check.pk).update(created_at=timezone.now() - timezone.timedelta(hours=25))
    day_ago = time.time() - 25 * 3600
    os.utime(path, (day_ago, day_ago))
    call_command("prune_logs", stdout=out)
    assert not path.exists()
    refused = client.post(f"/grievances-io/import/{check.public_id}/confirm/", {})
    assert refused.status_code == 302 and refused["Location"].endswith("/grievances-io/import/")
    assert Grievance.objects.count() == 0


def test_refused_upload_keeps_nothing_and_keeps_the_form(fresh, client, login, media):  # noqa: F811
    login("complaints")
    handle = io.BytesIO(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    )  # an old XLS (OLE2), not CSV/XLSX
    handle.name = "민원.csv"
    response = client.post("/grievances-io/import/", {"file": handle})
    assert response.status_code == 400 and stored(media) == [] and not Job.objects.exists()
