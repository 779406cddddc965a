"""Every write of the Open311 server: partners' keys, attribute definitions, and incoming service requests.

A request posted with a partner's key becomes a field complaint (현장민원, source open311) with the item's own
deadline. A request posted with a key linked to a guardian (내 지역 지킴이) becomes a guardian report (적출사항,
source open311, status 접수) for the patrol team; the answer is then a `token` (batch mode), and
`tokens/{token}` shows the report's number once the patrol team has routed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.open311.formats import Open311Error
from gamsa.open311.models import ApiKey, Datatype, ServiceAttribute
from gamsa.open311.permissions import is_guardian
from gamsa.patrols.models import DeadlineBasis, FieldItem, Finding, FindingCategory, Source

KEY_PREFIX = "o311_"
MAX_DESCRIPTION = 4000
ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


class KeyProblem(ValueError):
    """A key cannot be issued or revoked."""


# --- keys ----------------------------------------------------------------------------------------------------------


def now() -> dt.datetime:
    """The receipt moment of a posted request (one seam for tests)."""
    return timezone.now()


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_key(actor: User | None, *, name: str, user: User | None = None) -> tuple[ApiKey, str]:
    """A new partner key. The plain key is returned once and never stored (only its SHA-256 hash)."""
    name = (name or "").strip()
    if not name:
        raise KeyProblem("키 이름을 입력하세요.")
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name[:100], prefix=raw[:10], key_hash=hash_key(raw), user=user, created_by=actor
    )
    record_event(
        actor,
        "open311_key.created",
        key,
        name=key.name,
        prefix=key.prefix,
        user=user.username if user else "",
        guardian=is_guardian(user),
    )
    return key, raw


@transaction.atomic
def revoke_key(actor: User | None, key: ApiKey) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is not None:
        raise KeyProblem("이미 폐기된 키입니다.")
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    record_event(actor, "open311_key.revoked", key, name=key.name, prefix=key.prefix)
    return key


def key_for(raw: str) -> ApiKey | None:
    """The active key behind `raw`, or None. Notes its last use at most once a minute."""
    if not raw:
        return None
    key = (
        ApiKey.objects.select_related("user")
        .filter(key_hash=hash_key(raw), revoked_at__isnull=True)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .first()
    )
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > dt.timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


# --- attribute definitions -----------------------------------------------------------------------------------------


@transaction.atomic
def seed_attributes(actor: User | None = None) -> int:
    """Create the default attribute definitions that are missing (idempotent). Returns how many were created."""
    from gamsa.open311.seeds import seed_attribute_rows

    created = seed_attribute_rows(FieldItem, ServiceAttribute)
    for attribute in created:
        record_event(
            actor, "open311_attribute.created", attribute, item=attribute.item.code, code=attribute.code
        )
    return len(created)


# --- incoming service requests -------------------------------------------------------------------------------------


@dataclass
class Posted:
    """What the POST answers: a service_request_id (field complaint) or a token (guardian report)."""

    service_request_id: str | None
    token: str | None
    service_notice: str


def service_notice(item: FieldItem) -> str:
    item = item.effective
    basis = "근무시간" if item.deadline_basis == DeadlineBasis.WORKING_HOURS else ""
    hours = item.deadline_hours
    if not basis and hours % 24 == 0 and hours >= 24:
        return f"접수 후 {hours // 24}일 이내 처리합니다."
    return f"접수 후 {basis + ' ' if basis else ''}{hours}시간 이내 처리합니다."


def open311_items():
    return FieldItem.objects.filter(open311=True, active=True, provisional=False, alias_of__isnull=True)


def parse_attributes(data) -> dict[str, list[str]]:
    """PHP-style `attribute[code]=v` and `attribute[code][]=v1&attribute[code][]=v2` from a QueryDict."""
    found: dict[str, list[str]] = {}
    for key in data.keys():
        match = ATTRIBUTE_KEY.match(key)
        if match:
            values = [v.strip() for v in data.getlist(key) if v.strip()]
            found.setdefault(match.group(1), []).extend(values)
    return found


def _check_attribute(attribute: ServiceAttribute, values: list[str]) -> str | None:
    """A Korean message when the values do not fit the definition, else None."""
    label = f"attribute[{attribute.code}] ({attribute.description})"
    if not values:
        return f"{label}: 필수 입력 항목입니다." if attribute.required else None
    if attribute.datatype != Datatype.MULTIVALUELIST and len(values) > 1:
        return f"{label}: 값은 하나만 보낼 수 있습니다."
    value = values[0]
    if attribute.datatype == Datatype.NUMBER:
        try:
            float(value)
        except ValueError:
            return f"{label}: 숫자를 보내세요."
    elif attribute.datatype == Datatype.DATETIME:
        if parse_iso(value) is None:
            return f"{label}: 일시는 ISO 8601(예: 2026-11-26T09:30:00+09:00)로 보내세요."
    elif attribute.datatype in (Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST):
        unknown = [v for v in values if v not in attribute.value_keys]
        if unknown:
            return f"{label}: 목록에 없는 값입니다: {', '.join(unknown)}"
    elif len(value) > (4000 if attribute.datatype == Datatype.TEXT else 300):
        return f"{label}: 너무 깁니다."
    return None


def parse_iso(value: str) -> dt.datetime | None:
    """A W3C/ISO 8601 datetime or date; a moment without an offset is Seoul time."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        try:
            moment = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
        except ValueError:
            return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _field(data, name: str) -> str:
    return (data.get(name) or "").strip()


def full_name(first: str, last: str) -> str:
    """Korean names as written in Korean (홍길동); others as given name then family name."""
    if re.fullmatch(r"[가-힣]*", first + last):
        return last + first
    return " ".join(p for p in (first, last) if p)


def submit_request(key: ApiKey, data) -> Posted:
    """Validate a POST (form fields in `data`) and register it. Raises Open311Error with every problem found."""
    from gamsa.patrols.fieldcomplaints.services import FieldComplaintError, check_coordinates

    code = _field(data, "service_code")
    if not code:
        raise Open311Error(400, [(400, "service_code 값이 필요합니다. (service_code is required)")])
    item = open311_items().select_related("category").filter(code=code).first()
    if item is None:
        raise Open311Error(404, [(404, f"없는 서비스 코드입니다: {code} (service_code not found)")])

    problems: list[str] = []
    lat, lng = _field(data, "lat"), _field(data, "long")
    address, address_id = _field(data, "address_string"), _field(data, "address_id")
    latitude = longitude = None
    if lat or lng:
        try:
            latitude, longitude = check_coordinates(lat, lng)
        except FieldComplaintError as exc:
            problems.append(f"lat/long: {exc}")
    elif not address and not address_id:
        problems.append("위치가 필요합니다: lat와 long, 또는 address_string, 또는 address_id를 보내세요.")
    description = (data.get("description") or "").strip()
    if len(description) > MAX_DESCRIPTION:
        problems.append(f"description은 {MAX_DESCRIPTION:,}자까지입니다(현재 {len(description):,}자).")
    email = _field(data, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append("email 형식이 올바르지 않습니다.")
    given = parse_attributes(data)
    lines = []
    for attribute in item.open311_attributes.filter(variable=True).order_by("order"):
        values = given.get(attribute.code, [])
        problem = _check_attribute(attribute, values)
        if problem:
            problems.append(problem)
        elif values:
            if attribute.datatype in (Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST):
                names = {str(v.get("key")): v.get("name", "") for v in attribute.values}
                values = [names.get(v, v) for v in values]
            lines.append(f"{attribute.description.rstrip('?.')}: {', '.join(values)}")
    if problems:
        raise Open311Error(400, [(400, p) for p in problems])

    media_url = _field(data, "media_url")
    body = description
    if lines:
        body += ("\n\n" if body else "") + "[추가 정보]\n" + "\n".join(lines)
    if media_url:
        body += ("\n\n" if body else "") + f"사진: {media_url[:500]}"
    if not address and address_id:
        address = f"주소 ID {address_id}"
    first_line = description.splitlines()[0].strip() if description else ""
    title = first_line[:80] or f"{item.name} 신고"
    reporter = full_name(_field(data, "first_name"), _field(data, "last_name"))
    with transaction.atomic():
        if is_guardian(key.user):
            return _guardian_report(key, item, title, body, address, latitude, longitude)
        return _field_complaint(key, item, data, title, body, address, latitude, longitude, reporter, email)


def _field_complaint(key, item, data, title, body, address, latitude, longitude, reporter, email) -> Posted:
    from gamsa.patrols.fieldcomplaints.services import FieldComplaintError, create_complaint

    try:
        complaint = create_complaint(
            key.user,
            item=item,
            received_at=now(),
            title=title,
            body=body,
            address=address,
            latitude=latitude,
            longitude=longitude,
            source=Source.OPEN311,
            reporter_name=reporter,
            reporter_phone=_field(data, "phone"),
            reporter_email=email,
            device_id=_field(data, "device_id"),
        )
    except FieldComplaintError as exc:
        raise Open311Error(400, [(400, str(exc))]) from exc
    record_event(key.user, "open311.request_received", complaint, key=key.prefix, service_code=item.code)
    return Posted(complaint.source_id, None, service_notice(item))


def _finding_category(item: FieldItem) -> FindingCategory | None:
    categories = FindingCategory.objects.filter(active=True)
    return (
        categories.filter(name=item.category.name).first()
        or categories.order_by("sort_order", "name").first()
    )


def _guardian_report(key, item, title, body, address, latitude, longitude) -> Posted:
    from gamsa.patrols.findings.services import create_finding

    category = _finding_category(item)
    if category is None:
        raise Open311Error(400, [(400, "적출 분야가 설정되지 않아 접수할 수 없습니다. 순찰팀에 문의하세요.")])
    token = secrets.token_urlsafe(12)
    finding = create_finding(
        key.user,
        source=Finding.Source.OPEN311,
        category=category,
        item=item,
        title=title,
        description=body,
        address=address,
        latitude=latitude,
        longitude=longitude,
        reported_at=now(),
        open311_token=token,
    )
    record_event(key.user, "open311.report_received", finding, key=key.prefix, service_code=item.code)
    return Posted(None, token, "순찰팀이 확인한 뒤 담당 부서에 통보합니다.")
