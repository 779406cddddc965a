"""One import pipeline for every app: upload → content check → (preview and confirm) → background job → result page.

An app plugs an import in with a small adapter (docs/adr/0024-one-import-pipeline.md):

    class RosterImport(imports.Importer):
        key = "roster"                      # registry key and upload folder: media/imports/roster/
        kind = "roster_import"              # Job.kind of the import itself
        label = "직원 명부 가져오기"
        check_kind = "roster_import_check"  # leave empty when there is no preview step

        def count_rows(self, data): ...     # reads the content (never the name); ImportFileError if unreadable
        def run(self, job, data, *, check, skip_bad, progress): ...  # returns an Outcome

    imports.register(RosterImport())        # in the app's hooks module

and its views call `accept_upload`, `confirm` and `result_context`, keeping their own permission checks and
templates. The pipeline owns everything else: the size limit, storing the upload under media/imports/<key>/, the Job,
running small files at once and larger ones as the background task `run_import_task` (queue "imports"), progress,
and ending the job.

**Uploaded files never outlive their use** (they may hold names and phone numbers). A job that ends removes its
file whatever the outcome (core.services.finish_job / fail_job → drop_upload): committed, refused for bad rows,
failed, crashed; a worker killed mid-import has its job failed or re-run by core.jobs.recover_stale_jobs, which ends
the same way. A preview's file waits for the user's confirmation GAMSA_IMPORT_UPLOAD_KEEP_HOURS at most; the worker's
periodic sweep and `gamsa prune_logs` (core.jobs.sweep_uploads) remove it after that, and any file under
media/imports/ that no waiting job needs once it is a day old.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks import task

from gamsa.core import services
from gamsa.core.models import Job, User
from gamsa.core.services import IMPORT_UPLOAD_DIR
from gamsa.core.tabular import ImportFileError

DIRECT_ROWS = (
    300  # files of at most this many rows are imported in the request; larger ones by a background task
)

Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    """What an import run reports: the result page's data (kept in Job.result) and its one-line message."""

    result: dict
    message: str
    committed: bool = False


class Importer:
    """The adapter an app writes for one kind of file. Only `count_rows` and `run` hold the app's logic."""

    key: str = ""
    kind: str = ""
    label: str = ""
    check_kind: str = ""  # the preview job's kind; empty: the import runs straight after the upload
    check_label: str = ""
    direct_rows: int = DIRECT_ROWS
    size_factor: int = 1  # times GAMSA_ATTACHMENT_MAX_BYTES
    too_big: str = "파일이 너무 큽니다. 나누어 올리세요."
    start_message: str = "파일을 검사하는 중입니다."

    @property
    def max_bytes(self) -> int:
        return settings.GAMSA_ATTACHMENT_MAX_BYTES * self.size_factor

    @property
    def upload_dir(self) -> str:
        return f"{IMPORT_UPLOAD_DIR}/{self.key}"

    @property
    def kinds(self) -> list[str]:
        return [k for k in (self.kind, self.check_kind) if k]

    def count_rows(self, data: bytes) -> int:
        """The number of data rows; reading the content is the content check (ImportFileError if unreadable)."""
        raise NotImplementedError

    def run(self, job: Job, data: bytes, *, check: bool, skip_bad: bool, progress: Progress) -> Outcome:
        """Check (`check=True`: write nothing) or import the file. ImportFileError ends the job with its message."""
        raise NotImplementedError


_importers: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    if not importer.key or not importer.kind:
        raise ValueError("An importer needs a key and a job kind.")
    _importers[importer.key] = importer
    return importer


def importer_for(key: str) -> Importer:
    return _importers[key]


def importer_of(job: Job) -> Importer:
    """The importer of a job (by its key, or by its kind for a job queued before the key was recorded)."""
    key = (job.params or {}).get("importer")
    if key in _importers:
        return _importers[key]
    for importer in _importers.values():
        if job.kind in importer.kinds:
            return importer
    raise LookupError(f"no importer for job kind {job.kind!r}")


def registered() -> list[Importer]:
    return list(_importers.values())


class Refused(Exception):
    """The upload or the confirmation is refused; the Korean message says why. `upload_again`: the file is gone."""

    def __init__(self, message: str, *, upload_again: bool = False):
        super().__init__(message)
        self.upload_again = upload_again


# --- the steps ------------------------------------------------------------------------------------------------------


def accept_upload(importer: Importer, actor: User, upload, *, skip_bad: bool = False) -> Job:
    """Check the uploaded file by its content, store it, create its job and start it. Refused: nothing is kept."""
    if upload.size > importer.max_bytes:
        raise Refused(importer.too_big)
    data = upload.read()
    try:
        rows = max(0, importer.count_rows(data))
    except ImportFileError as exc:
        raise Refused(str(exc)) from None
    path = default_storage.save(f"{importer.upload_dir}/{uuid.uuid4().hex}.upload", ContentFile(data))
    check = bool(importer.check_kind)
    try:
        job = services.create_job(
            actor,
            kind=importer.check_kind if check else importer.kind,
            label=(importer.check_label or importer.label) if check else importer.label,
            params={
                "importer": importer.key,
                "path": path,
                "name": (upload.name or "")[:200],
                "rows": rows,
                "mode": "check" if check else "commit",
                "skip_bad": skip_bad,
            },
        )
    except BaseException:
        default_storage.delete(path)
        raise
    start(job)
    return job


def confirm(importer: Importer, actor: User, check: Job, *, skip_bad: bool) -> Job:
    """The user confirms a finished preview: the import itself runs as a new job on the same file."""
    result = check.result or {}
    if check.params.get("mode") != "check" or check.status != Job.Status.DONE:
        raise Refused("검사가 끝난 파일만 등록할 수 있습니다.")
    if result.get("error_count") and not skip_bad:
        raise Refused("잘못된 행이 있습니다. 파일을 고쳐 다시 올리거나 '정상 행만 등록'을 고르세요.")
    if not default_storage.exists(check.params.get("path", "")):
        raise Refused("올린 파일이 이미 처리되었거나 없습니다. 다시 올리세요.", upload_again=True)
    job = services.create_job(
        actor,
        kind=importer.kind,
        label=importer.label,
        params={**check.params, "importer": importer.key, "mode": "commit", "skip_bad": skip_bad},
    )
    start(job)
    return job


def start(job: Job) -> None:
    if job.params.get("rows", 0) <= importer_of(job).direct_rows:
        run_job(job.pk)
    else:
        run_import_task.enqueue(job_id=job.pk)


def run_job(job_id: int) -> dict:
    """Run one import job to its end. Every ending (done, failed, crashed) removes the upload (drop_upload)."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    params = job.params
    importer = importer_of(job)
    check = params.get("mode") == "check"
    try:
        try:
            with default_storage.open(params["path"], "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            raise ImportFileError("올린 파일이 이미 처리되었거나 없습니다. 다시 올리세요.") from None
        services.job_progress(job, done=0, total=params.get("rows", 0), message=importer.start_message)
        outcome = importer.run(
            job,
            data,
            check=check,
            skip_bad=params.get("skip_bad", False),
            progress=lambda done, total: services.job_progress(job, done=done, total=total),
        )
    except ImportFileError as exc:
        services.fail_job(job, str(exc))
        return {"error": str(exc)}
    except Exception as exc:
        services.fail_job(job, f"가져오기에 실패했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(job, result=outcome.result, message=outcome.message)
    return {"committed": outcome.committed, "check": check}


@task(queue_name="imports")
def run_import_task(job_id: int) -> dict:
    return run_job(job_id)


# --- the result page ------------------------------------------------------------------------------------------------


def job_of(importer: Importer, actor: User, public_id) -> Job | None:
    """The actor's own job of this importer, or None (the view answers 404)."""
    return Job.objects.filter(public_id=public_id, kind__in=importer.kinds, owner_id=actor.pk).first()


def result_context(job: Job) -> dict:
    result = job.result or {}
    errors = result.get("errors", [])
    return {
        "job": job,
        "result": result,
        "errors": errors,
        "check": job.params.get("mode") == "check",
        "hidden_errors": max(0, result.get("error_count", 0) - len(errors)),
    }
