"""Every write in core. Each function runs in one transaction and records one Event row."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from gamsa.core import live
from gamsa.core.filecheck import EXTENSIONS, check_upload
from gamsa.core.models import (
    AccessLog,
    Agency,
    ApiToken,
    Attachment,
    CaseCounter,
    Closure,
    DeadlineRule,
    EnrolmentCode,
    Event,
    Job,
    Membership,
    OrgUnit,
    User,
)

# --- references to objects --------------------------------------------------------------------------------------


def target_ref(obj: Any) -> tuple[str, str, str]:
    """(type, public identifier, label) of an object, for the logs. Never a database id where a public one exists."""
    if obj is None:
        return "", "", ""
    meta = obj._meta
    ident = getattr(obj, "case_number", None) or getattr(obj, "public_id", None) or obj.pk
    label = getattr(obj, "log_label", None) or str(ident)
    return f"{meta.app_label}.{meta.model_name}", str(ident), str(label)[:200]


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return "시스템"
    return f"{actor.display_name} ({actor.username})"[:100]


def record_event(actor: User | None, verb: str, target: Any = None, **details: Any) -> Event:
    """One row of the event log. Call it inside the service's transaction."""
    target_type, target_id, target_label = target_ref(target)
    return Event.objects.create(
        actor=actor if actor and actor.pk else None,
        actor_label=_actor_label(actor),
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        details=_jsonable(details),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return target_ref(value)[1]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_access(
    user: User,
    target: Any,
    fields: list[str],
    *,
    action: str = AccessLog.Action.VIEW,
    request=None,
    reason: str = "",
    count: int = 1,
    target_type: str | None = None,
    target_id: str | None = None,
) -> AccessLog:
    """Record that `user` displayed or exported personal data (`fields`) of `target`."""
    t_type, t_id, t_label = target_ref(target) if target is not None else ("", "", "")
    return AccessLog.objects.create(
        user=user if user and user.pk else None,
        user_label=_actor_label(user),
        action=action,
        target_type=target_type or t_type,
        target_id=target_id or t_id,
        target_label=t_label if target is not None else (target_id or ""),
        fields=list(fields),
        record_count=count,
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=client_ip(request),
        reason=reason[:200],
    )


def prune_access_log(now: dt.datetime | None = None) -> int:
    """Delete access-log rows older than the retention period (never less than two years)."""
    now = now or timezone.now()
    days = max(settings.GAMSA_ACCESS_LOG_RETENTION_DAYS, 730)
    with transaction.atomic():
        deleted, _ = AccessLog.objects.filter(at__lt=now - dt.timedelta(days=days)).delete()
        if deleted:
            record_event(None, "access_log.pruned", None, deleted=deleted, retention_days=days)
    return deleted


# --- organisation ---------------------------------------------------------------------------------------------


@transaction.atomic
def create_agency(
    actor: User | None, *, name: str, code: str, open311_jurisdiction_id: str, **extra
) -> Agency:
    agency = Agency.objects.create(
        name=name, code=code, open311_jurisdiction_id=open311_jurisdiction_id, **extra
    )
    record_event(actor, "agency.created", agency, name=name, code=code)
    return agency


@transaction.atomic
def create_unit(
    actor: User | None,
    *,
    agency: Agency,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    **extra,
) -> OrgUnit:
    if parent is not None and parent.agency_id != agency.pk:
        raise ValueError("상위 조직은 같은 기관에 속해야 합니다.")
    path = f"{parent.path if parent else '/'}{code}/"
    unit = OrgUnit.objects.create(
        agency=agency,
        parent=parent,
        code=code,
        name=name,
        kind=kind,
        path=path,
        depth=(parent.depth + 1) if parent else 0,
        **extra,
    )
    record_event(actor, "unit.created", unit, name=name, kind=kind, parent=parent.code if parent else None)
    return unit


UNIT_FIELDS = (
    "code",
    "name",
    "kind",
    "parent",
    "short_name",
    "sort_order",
    "is_audit_office",
    "office_team",
    "phone",
    "active",
)


@transaction.atomic
def update_unit(actor: User | None, unit: OrgUnit, **fields) -> OrgUnit:
    """Change a unit; a new code or parent re-paths the unit and its whole subtree."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise ValueError(f"unknown unit fields: {sorted(unknown)}")
    old_path = unit.path
    changed = [name for name, value in fields.items() if getattr(unit, name) != value]
    for name in changed:
        setattr(unit, name, fields[name])
    if not changed:
        return unit
    parent = unit.parent
    if parent is not None and (parent.pk == unit.pk or parent.path.startswith(old_path)):
        raise ValueError("하위 조직을 상위 조직으로 지정할 수 없습니다.")
    unit.path = f"{parent.path if parent else '/'}{unit.code}/"
    unit.depth = (parent.depth + 1) if parent else 0
    unit.save()
    if unit.path != old_path:
        for child in OrgUnit.objects.filter(agency=unit.agency, path__startswith=old_path).exclude(
            pk=unit.pk
        ):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.path.strip("/").count("/")
            child.save(update_fields=["path", "depth"])
    record_event(actor, "unit.updated", unit, changed=changed)
    return unit


@transaction.atomic
def add_membership(
    actor: User | None, *, user: User, unit: OrgUnit, role: str, started_on=None
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"started_on": started_on}
    )
    if not created and membership.ended_on is not None:
        membership.ended_on = None
        membership.save(update_fields=["ended_on"])
        created = True
    if created:
        record_event(actor, "membership.added", user, unit=unit.code, role=role)
    return membership


@transaction.atomic
def end_membership(actor: User | None, membership: Membership, ended_on: dt.date | None = None) -> Membership:
    membership.ended_on = ended_on or timezone.localdate()
    membership.save(update_fields=["ended_on"])
    record_event(actor, "membership.ended", membership.user, unit=membership.unit.code, role=membership.role)
    return membership


PERSON_FIELDS = (
    "kind",
    "full_name",
    "email",
    "phone",
    "employee_number",
    "grade",
    "position",
    "job_series",
    "unit",
    "volunteer_programme",
    "appointed_on",
    "term_ends_on",
)


@transaction.atomic
def create_person(actor: User | None, *, username: str, password: str | None = None, **fields) -> User:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    user = User(username=username, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    # Only the kind and unit are logged: names and contact details stay out of the event log.
    record_event(actor, "person.created", user, kind=user.kind, unit=user.unit.code if user.unit else None)
    return user


@transaction.atomic
def update_person(actor: User | None, person: User, **fields) -> User:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(person, name) != value]
    for name in changed:
        setattr(person, name, fields[name])
    if changed:
        person.save(update_fields=changed)
        record_event(actor, "person.updated", person, changed=changed)
    return person


# --- calendar data ---------------------------------------------------------------------------------------------


@transaction.atomic
def add_closure(
    actor: User | None, *, date: dt.date, name: str, kind: str, basis: str = "", note: str = ""
) -> Closure:
    closure = Closure.objects.create(date=date, name=name, kind=kind, basis=basis, note=note)
    record_event(actor, "closure.added", closure, date=date, name=name, kind=kind)
    return closure


@transaction.atomic
def remove_closure(actor: User | None, closure: Closure) -> None:
    record_event(actor, "closure.removed", closure, date=closure.date, name=closure.name)
    closure.delete()


@transaction.atomic
def create_deadline_rule(actor: User | None, **fields) -> DeadlineRule:
    rule = DeadlineRule(**fields)
    rule.full_clean()
    rule.save()
    record_event(actor, "deadline_rule.created", rule, kind=rule.kind, amount=rule.amount, unit=rule.unit)
    return rule


@transaction.atomic
def update_deadline_rule(actor: User | None, rule: DeadlineRule, **fields) -> DeadlineRule:
    allowed = {"label", "amount", "unit", "method", "basis", "confidence", "note", "active"}
    before = {name: getattr(rule, name) for name in fields if name in allowed}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"field {name} cannot be changed")
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    record_event(actor, "deadline_rule.updated", rule, before=before, after={k: fields[k] for k in before})
    return rule


# --- case numbers ---------------------------------------------------------------------------------------------


def next_case_number(scope: str, year: int, prefix: str = "") -> tuple[str, int]:
    """The next number of `scope` in `year` ("2026-000123"). Call inside the caller's transaction."""
    CaseCounter.objects.get_or_create(scope=scope, year=year)
    counter = CaseCounter.objects.select_for_update().get(scope=scope, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}{year}-{counter.last:06d}", counter.last


# --- API tokens ------------------------------------------------------------------------------------------------

TOKEN_PREFIX = "gms_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


_hash_token = hash_token


class TokenProblem(ValueError):
    """A token that cannot be issued (Korean message)."""


@transaction.atomic
def issue_api_token(
    actor: User | None, *, name: str, days: int | None = None, user: User | None = None, via: str = "account"
) -> tuple[ApiToken, str]:
    """A new personal token of `user` (the actor's own by default). It skips the second factor, so it always
    expires: after `days` (default GAMSA_API_TOKEN_DAYS, at most 365). The plain value is returned once and
    never stored."""
    owner = user or actor
    days = settings.GAMSA_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 365:
        raise TokenProblem("토큰 유효기간은 1일부터 365일까지입니다.")
    if owner is None or not owner.is_active:
        raise TokenProblem("사용 중인 계정에만 API 토큰을 발급합니다.")
    if not (name or "").strip():
        raise TokenProblem("토큰 이름을 입력하세요.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=owner,
        name=name.strip()[:100],
        prefix=raw[:10],
        key_hash=_hash_token(raw),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    record_event(actor, "api_token.issued", token, name=token.name, expires_at=token.expires_at, via=via)
    return token, raw


# --- 2FA enrolment codes ----------------------------------------------------------------------------------------

ENROLMENT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper


def _normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


@transaction.atomic
def issue_enrolment_code(
    actor: User | None, user: User, *, hours: int | None = None
) -> tuple[EnrolmentCode, str]:
    """A one-time code that lets `user` enrol an authenticator app. Shown once; only its hash is stored; earlier
    unused codes of the user stop working."""
    hours = hours or settings.GAMSA_ENROLMENT_CODE_HOURS
    if not 1 <= hours <= 24 * 30:
        raise TokenProblem("등록 코드 유효시간은 1시간부터 720시간까지입니다.")
    if not user.is_active:
        raise TokenProblem("사용 중지된 계정에는 등록 코드를 발급할 수 없습니다.")
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    body = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(12))  # 60 bits
    raw = "-".join(body[i : i + 4] for i in range(0, 12, 4))
    code = EnrolmentCode.objects.create(
        user=user,
        code_hash=_hash_token(body),
        issued_by=actor if actor and actor.pk else None,
        expires_at=now + dt.timedelta(hours=hours),
    )
    record_event(actor, "auth.enrolment_code_issued", user, expires_at=code.expires_at)
    return code, raw


@transaction.atomic
def redeem_enrolment_code(user: User, raw: str) -> bool:
    """Use `raw` up if it is an unexpired, unused code of `user`. Single use even under concurrent attempts."""
    now = timezone.now()
    used = EnrolmentCode.objects.filter(
        user=user, code_hash=_hash_token(_normalise_code(raw)), used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if used:
        record_event(user, "auth.enrolment_code_used", user)
    return bool(used)


@transaction.atomic
def enrol_with_code(user: User, raw: str):
    """Redeem a one-time enrolment code and start a new, unconfirmed TOTP device for `user`, or None when the code
    is wrong, used or expired. Any older unconfirmed device (whose secret may have been seen) is thrown away."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not redeem_enrolment_code(user, raw):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="인증 앱", confirmed=False)


@transaction.atomic
def record_otp_verified(user: User, device, *, enrolling: bool) -> None:
    """A right TOTP code: confirms the device being enrolled, and records the verification."""
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record_event(user, "auth.otp_enrolled", user)
    record_event(user, "auth.otp_verified", user)


@transaction.atomic
def revoke_api_token(actor: User, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(actor, "api_token.revoked", token, name=token.name)
    return token


def user_for_token(raw: str) -> User | None:
    """The active user behind a bearer token, or None. Updates the token's last use (at most once a minute)."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or token.expires_at is None or token.expires_at <= timezone.now():
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- attachments ------------------------------------------------------------------------------------------------


@transaction.atomic
def store_attachment(
    actor: User | None, *, data: bytes, original_name: str, owner: Any = None, max_bytes: int | None = None
) -> Attachment:
    """Check the file by content and size, strip image metadata, and store it under a random name.

    Raises FileRejected (Korean message) for a bad file; nothing is stored then.
    """
    checked = check_upload(data, max_bytes or settings.GAMSA_ATTACHMENT_MAX_BYTES)
    owner_type, owner_id, _ = target_ref(owner)
    name = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "file"
    stem = name.rsplit(".", 1)[0] if "." in name else name
    attachment = Attachment(
        original_name=f"{stem}.{EXTENSIONS[checked.kind]}",
        kind=checked.kind,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=hashlib.sha256(checked.content).hexdigest(),
        uploaded_by=actor if actor and actor.pk else None,
        uploaded_at=timezone.now(),
        owner_type=owner_type,
        owner_id=owner_id,
        metadata_stripped=checked.metadata_stripped,
    )
    attachment.file.save("upload", ContentFile(checked.content), save=False)
    attachment.save()
    record_event(
        actor, "attachment.stored", attachment, kind=checked.kind, size=attachment.size, owner=owner_id
    )
    return attachment


IMPORT_UPLOAD_DIR = "imports"  # uploads waiting for an import job: media/imports/<app>/<random>.upload

# --- background jobs --------------------------------------------------------------------------------------------


@transaction.atomic
def create_job(actor: User, *, kind: str, label: str, params: dict | None = None) -> Job:
    job = Job.objects.create(owner=actor, kind=kind, label=label, params=params or {})
    record_event(actor, "job.created", job, kind=kind)
    return job


def job_progress(job: Job, *, done: int, total: int | None = None, message: str = "") -> None:
    """Progress updates are not events: they are frequent and carry no decision.

    They go to the live store on a connection of their own (core.live), so the page sees them while an import's
    transaction is still open; the job row follows (at once outside a transaction, at the commit inside one).
    """
    if total is not None:
        job.total = total
    job.done = done
    if message:
        job.message = message[:500]
    live.report(job.public_id, done=done, total=job.total, message=job.message)
    updates: dict[str, Any] = {
        "done": done,
        "status": Job.Status.RUNNING,
        "started_at": Coalesce("started_at", Value(timezone.now())),
    }
    if total is not None:
        updates["total"] = total
    if message:
        updates["message"] = message[:500]
    Job.objects.filter(pk=job.pk).update(**updates)


def drop_upload(job: Job, *, keep_check: bool = True) -> None:
    """Remove the file an import job was given, once the job has ended (a check keeps it for the confirmation)."""
    path = (job.params or {}).get("path", "")
    if not path or not path.startswith(IMPORT_UPLOAD_DIR + "/"):
        return
    if keep_check and job.params.get("mode") == "check" and job.status == Job.Status.DONE:
        return
    transaction.on_commit(lambda: default_storage.delete(path))


@transaction.atomic
def finish_job(
    job: Job, *, result: dict | None = None, result_file: Attachment | None = None, message: str = ""
) -> Job:
    job.refresh_from_db()
    job.status = Job.Status.DONE
    job.done = job.total or job.done
    job.result = result or {}
    job.result_file = result_file
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save()
    record_event(job.owner, "job.finished", job, kind=job.kind)
    drop_upload(job)
    transaction.on_commit(lambda: live.forget_job(job.public_id))
    return job


@transaction.atomic
def fail_job(job: Job, message: str) -> Job:
    job.refresh_from_db()
    job.status = Job.Status.FAILED
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save()
    record_event(job.owner, "job.failed", job, kind=job.kind, message=message[:200])
    drop_upload(job)
    transaction.on_commit(lambda: live.forget_job(job.public_id))
    return job
