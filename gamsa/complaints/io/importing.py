"""Importing grievances from CSV (UTF-8 with or without BOM, or CP949) and XLSX files.

The file is read whole, every row is checked, and the rows are registered through `receive_grievance` (and
`assign` / `answer` / `close` for the later states) inside ONE transaction. Every bad row is reported as
"N행: 사유" (N is the row number as a spreadsheet shows it: the header is row 1). Nothing is committed when a
row is bad unless the user chose `skip_bad`; a dry run always rolls back. Re-importing a file reports its rows
as duplicates (by 접수번호, or by 접수일시 + 제목 when the row has no number) and never creates them twice.

Columns (Korean headers): 접수번호, 접수일시*, 접수경로*, 민원종류, 민원인, 연락처, 제목*, 내용*, 주소, 처리부서,
상태, 답변일시, 답변내용 (* required). 주소 is the place of the complaint; an optional 민원인주소 column holds the
complainant's own address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Greatest

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.models import Channel, Grievance, Kind, Status
from gamsa.core import calendar as legal
from gamsa.core.models import CaseCounter, OrgUnit, User
from gamsa.core.services import record_event
from gamsa.core.tabular import ImportFileError, RowError, cell_text, read_table
from gamsa.core.tabular import parse_moment as tabular_moment
from gamsa.core.validators import (
    CONTROL_MESSAGE,
    EVENT_YEARS_AHEAD,
    date_window_problem,
    has_control_characters,
    reject_rrn,
)

HEADERS = [
    "접수번호",
    "접수일시",
    "접수경로",
    "민원종류",
    "민원인",
    "연락처",
    "제목",
    "내용",
    "주소",
    "처리부서",
    "상태",
    "답변일시",
    "답변내용",
]
OPTIONAL_HEADERS = ["민원인주소"]
REQUIRED = ["접수일시", "접수경로", "제목", "내용"]
MAX_ERRORS_KEPT = 2000
UNKNOWN_NAME = "성명 미상"


def _key(text: str) -> str:
    """Labels compared without spaces, dots and middle dots: '전화·방문' ~ '전화 방문', '구청장에게 바란다' ~ '구청장에게바란다'."""
    return re.sub(r"[\s·ㆍ.\-_/()]+", "", str(text or "")).lower()


def _choices(choices, extra: dict[str, str]) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[_key(value)] = value
        table[_key(label)] = value
    for label, value in extra.items():
        table[_key(label)] = value
    return table


CHANNELS = _choices(
    Channel.choices,
    {
        "구청장에게바란다": Channel.MAYOR_INBOX,
        "구청장에게": Channel.MAYOR_INBOX,
        "구청장과의대화": Channel.MAYOR_INBOX,
        "신문고": Channel.SINMUNGO,
        "국민신문고": Channel.SINMUNGO,
        "국민권익위": Channel.SINMUNGO,
        "epeople": Channel.SINMUNGO,
        "전화방문": Channel.PHONE,
        "유선": Channel.PHONE,
        "콜센터": Channel.PHONE,
        "120다산콜": Channel.PHONE,
        "내방": Channel.VISIT,
        "방문접수": Channel.VISIT,
        "서면": Channel.MAIL,
        "우편접수": Channel.MAIL,
        "팩스": Channel.MAIL,
        "응답소접수": Channel.EUNGDAPSO,
        "서울시응답소": Channel.EUNGDAPSO,
    },
)
KINDS = _choices(
    Kind.choices,
    {
        "고충": Kind.GRIEVANCE,
        "고충민원": Kind.GRIEVANCE,
        "질의법령": Kind.INQUIRY_LAW,
        "법령질의": Kind.INQUIRY_LAW,
        "질의민원": Kind.INQUIRY_PROCEDURE,
        "질의": Kind.INQUIRY_PROCEDURE,
        "제도절차질의": Kind.INQUIRY_PROCEDURE,
        "건의": Kind.PROPOSAL,
        "기타": Kind.OTHER,
        "일반민원": Kind.OTHER,
    },
)
# The states an import can reproduce through the services. Others (이송·반려·내부종결) need a person's decision.
STATUSES = _choices(
    [
        (s, Status(s).label)
        for s in (
            Status.RECEIVED,
            Status.ASSIGNED,
            Status.IN_PROGRESS,
            Status.ANSWERED,
            Status.CLOSED,
            Status.WITHDRAWN,
        )
    ],
    {
        "신규": Status.RECEIVED,
        "접수완료": Status.RECEIVED,
        "처리중": Status.IN_PROGRESS,
        "진행중": Status.IN_PROGRESS,
        "답변": Status.ANSWERED,
        "완료": Status.ANSWERED,
        "처리완료": Status.ANSWERED,
        "종료": Status.CLOSED,
    },
)
CASE_NUMBER = re.compile(r"^(\d{4})-(\d{1,8})$")


@dataclass
class ImportReport:
    total: int = 0
    created: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False
    skip_bad: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "created": len(self.created),
            "created_numbers": self.created[:50],
            "error_count": len(self.errors),
            "errors": [[e.line, e.reason] for e in self.errors[:MAX_ERRORS_KEPT]],
            "committed": self.committed,
            "dry_run": self.dry_run,
            "skip_bad": self.skip_bad,
        }


# --- reading -----------------------------------------------------------------------------------------------------

_text = cell_text


def parse_moment(value) -> dt.datetime | None:
    """A Korean-office date or date-time as an aware datetime in Seoul; a bare date means 09:00."""
    return tabular_moment(value, dt.time(9, 0))


# --- checking ----------------------------------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    case_number: str | None
    received_at: dt.datetime
    channel: str
    kind: str
    name: str
    phone: str
    address: str
    title: str
    body: str
    place: str
    department: OrgUnit | None
    status: str
    answered_at: dt.datetime | None
    answer_text: str


def _header_map(header: list) -> dict[str, int]:
    names = [_text(h).replace(" ", "").lstrip("\ufeff").rstrip("*") for h in header]
    index = {}
    for col in HEADERS + OPTIONAL_HEADERS:
        if col in names:
            index[col] = names.index(col)
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise ImportFileError(
            f"1행(머리글)에 필수 열이 없습니다: {', '.join(missing)}. 머리글은 {', '.join(HEADERS)} 입니다."
        )
    return index


def _departments() -> dict[str, OrgUnit]:
    units = {}
    for unit in OrgUnit.objects.filter(active=True).only("pk", "name", "short_name", "code"):
        for label in (unit.name, unit.short_name):
            if label:
                units.setdefault(_key(label), unit)
    return units


def check_rows(table: list[tuple[int, list]]) -> tuple[list[Row], list[RowError]]:
    """Check every row without writing. Returns the good rows and every bad row with its reason."""
    if not table:
        raise ImportFileError("머리글 행이 없습니다.")
    index = _header_map(table[0][1])
    departments = _departments()
    good: list[Row] = []
    errors: list[RowError] = []
    seen_numbers: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}

    for line, cells in table[1:]:
        values = {col: (cells[i] if i < len(cells) else None) for col, i in index.items()}
        if all(_text(v) == "" for v in values.values()):
            continue  # blank lines are not rows
        problems: list[str] = []
        get = {col: _text(values.get(col)) for col in HEADERS + OPTIONAL_HEADERS}.__getitem__

        for col in REQUIRED:
            if not get(col):
                problems.append(f"{col}이(가) 비어 있습니다")
        for col in values:
            if has_control_characters(_text(values[col])):
                problems.append(f"{col}: {CONTROL_MESSAGE}")
        received_at = None
        if get("접수일시"):
            received_at = parse_moment(values["접수일시"])
            if received_at is None:
                problems.append(f"접수일시를 읽을 수 없습니다 ('{get('접수일시')}', 예: 2026-09-23 10:00)")
            elif problem := date_window_problem(received_at, "접수일시", years_ahead=EVENT_YEARS_AHEAD):
                problems.append(problem)
                received_at = None
        channel = CHANNELS.get(_key(get("접수경로"))) if get("접수경로") else None
        if get("접수경로") and channel is None:
            problems.append(f"알 수 없는 접수경로입니다: '{get('접수경로')}'")
        kind = Kind.GRIEVANCE
        if get("민원종류"):
            kind = KINDS.get(_key(get("민원종류")))
            if kind is None:
                problems.append(f"알 수 없는 민원종류입니다: '{get('민원종류')}'")
        department = None
        if get("처리부서"):
            department = departments.get(_key(get("처리부서")))
            if department is None:
                problems.append(f"처리부서를 찾을 수 없습니다: '{get('처리부서')}'")
        status = Status.RECEIVED
        if get("상태"):
            status = STATUSES.get(_key(get("상태")))
            if status is None:
                problems.append(
                    f"가져올 수 없는 상태입니다: '{get('상태')}' (접수·배정·처리중·답변완료·종결·취하)"
                )
        answered_at = None
        if get("답변일시"):
            answered_at = parse_moment(values["답변일시"])
            if answered_at is None:
                problems.append(f"답변일시를 읽을 수 없습니다 ('{get('답변일시')}')")
            elif problem := date_window_problem(answered_at, "답변일시", years_ahead=EVENT_YEARS_AHEAD):
                problems.append(problem)
                answered_at = None
        if status in (Status.ANSWERED, Status.CLOSED):
            if not (get("답변일시") and get("답변내용")):
                problems.append("답변완료·종결 상태에는 답변일시와 답변내용이 있어야 합니다")
            if not department and not get("처리부서"):
                problems.append("답변완료·종결 상태에는 처리부서가 있어야 합니다")
        elif status in (Status.ASSIGNED, Status.IN_PROGRESS) and not get("처리부서"):
            problems.append(f"'{Status(status).label}' 상태에는 처리부서가 있어야 합니다")
        if received_at and answered_at and answered_at < received_at:
            problems.append("답변일시가 접수일시보다 앞섭니다")
        for col in ("제목", "내용", "주소", "답변내용", "민원인주소"):
            try:
                reject_rrn(get(col))
            except ValidationError:
                problems.append(f"{col}에 주민등록번호가 있습니다. 지우고 다시 올리세요")
        if len(get("제목")) > 200:
            problems.append("제목이 200자를 넘습니다")

        case_number = None
        if get("접수번호"):
            m = CASE_NUMBER.match(get("접수번호"))
            if not m:
                problems.append(f"접수번호 형식이 올바르지 않습니다: '{get('접수번호')}' (예: 2026-000123)")
            else:
                case_number = f"{m.group(1)}-{int(m.group(2)):06d}"
                if case_number in seen_numbers:
                    problems.append(
                        f"접수번호 {case_number}이(가) 이 파일의 {seen_numbers[case_number]}행과 중복됩니다"
                    )
                else:
                    seen_numbers[case_number] = line
        elif received_at and get("제목"):
            key = (received_at, get("제목"))
            if key in seen_keys:
                problems.append(f"이 파일의 {seen_keys[key]}행과 접수일시·제목이 같은 중복 행입니다")
            else:
                seen_keys[key] = line

        if problems:
            errors.append(RowError(line, "; ".join(problems)))
            continue
        good.append(
            Row(
                line=line,
                case_number=case_number,
                received_at=received_at,
                channel=channel,
                kind=kind,
                name=get("민원인") or UNKNOWN_NAME,
                phone=get("연락처"),
                address=get("민원인주소"),
                title=get("제목"),
                body=get("내용"),
                place=get("주소"),
                department=department,
                status=status,
                answered_at=answered_at,
                answer_text=get("답변내용"),
            )
        )

    # Duplicates of what is already in the database, in batches (never one query per row).
    dup_lines: dict[int, str] = {}
    numbered = [r for r in good if r.case_number]
    for start in range(0, len(numbered), 500):
        batch = {r.case_number: r for r in numbered[start : start + 500]}
        for number in Grievance.objects.filter(case_number__in=batch).values_list("case_number", flat=True):
            dup_lines[batch[number].line] = f"이미 등록된 접수번호입니다: {number} (중복)"
    unnumbered = [r for r in good if not r.case_number]
    for start in range(0, len(unnumbered), 500):
        batch = {(r.received_at, r.title): r for r in unnumbered[start : start + 500]}
        existing = Grievance.objects.filter(received_at__in={k[0] for k in batch}).values_list(
            "received_at", "title"
        )
        for received, title in existing:
            row = batch.get((received, title))
            if row:
                dup_lines[row.line] = "접수일시·제목이 같은 민원이 이미 등록되어 있습니다 (중복)"
    if dup_lines:
        errors += [RowError(line, reason) for line, reason in dup_lines.items()]
        good = [r for r in good if r.line not in dup_lines]
    errors.sort(key=lambda e: e.line)
    return good, errors


# --- writing -----------------------------------------------------------------------------------------------------


def _create(actor: User | None, row: Row, cal: legal.LegalCalendar) -> Grievance:
    receipt = svc.receive_grievance(
        actor,
        channel=row.channel,
        kind=row.kind,
        title=row.title,
        body=row.body,
        complainant={"name": row.name, "phone": row.phone, "address": row.address},
        received_at=row.received_at,
        place_address=row.place,
        case_number=row.case_number,
        calendar=cal,
    )
    g = receipt.grievance
    if row.status == Status.WITHDRAWN:
        svc.withdraw(actor, g, note="가져오기")
        Grievance.objects.filter(pk=g.pk).update(closed_at=row.answered_at or row.received_at)
        return g
    if row.department is not None:
        g = svc.assign(actor, g, department=row.department, note="가져오기")
    if row.status == Status.IN_PROGRESS:
        g = svc.start_processing(actor, g)
    if row.status in (Status.ANSWERED, Status.CLOSED):
        svc.answer(
            actor, g, method="document", outcome="explained", text=row.answer_text, now=row.answered_at
        )
        if row.status == Status.CLOSED:
            g = svc.close(actor, g)
            Grievance.objects.filter(pk=g.pk).update(closed_at=row.answered_at)
    return g


def _advance_counters(numbers: list[str]) -> None:
    """Kept 접수번호 must never be handed out again by `next_case_number`."""
    highest: dict[int, int] = {}
    for number in numbers:
        year, seq = int(number[:4]), int(number[5:])
        highest[year] = max(highest.get(year, 0), seq)
    for year, seq in highest.items():
        CaseCounter.objects.get_or_create(scope="grievance", year=year)
        CaseCounter.objects.filter(scope="grievance", year=year).update(last=Greatest("last", seq))


def import_grievances(
    actor: User | None,
    data: bytes,
    *,
    skip_bad: bool = False,
    dry_run: bool = False,
    source_name: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check and register every row of `data` in one transaction. See the module docstring for the rules."""
    table = read_table(data)
    rows, errors = check_rows(table)
    report = ImportReport(total=len(rows) + len(errors), errors=errors, dry_run=dry_run, skip_bad=skip_bad)
    cal = legal.get_calendar()
    kept_numbers: list[str] = []
    with transaction.atomic():
        for i, row in enumerate(rows, start=1):
            try:
                with transaction.atomic():
                    g = _create(actor, row, cal)
            except svc.GrievanceError as exc:
                report.errors.append(RowError(row.line, str(exc)))
            else:
                report.created.append(g.case_number)
                if row.case_number:
                    kept_numbers.append(row.case_number)
            if progress and (i % 100 == 0 or i == len(rows)):
                progress(i, len(rows))
        report.errors.sort(key=lambda e: e.line)
        if dry_run or (report.errors and not skip_bad):
            transaction.set_rollback(True)
        else:
            _advance_counters(kept_numbers)
            record_event(
                actor,
                "grievances.imported",
                None,
                file=source_name,
                created=len(report.created),
                skipped=len(report.errors),
                skip_bad=skip_bad,
            )
            report.committed = True
    if not report.committed:
        report.created = [] if not dry_run else report.created
    return report


def count_rows(data: bytes) -> int:
    """Data rows in the file (for choosing between a direct run and a background task)."""
    return max(0, len(read_table(data)) - 1)
