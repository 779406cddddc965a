"""The learning system's monthly export (XLSX or CSV: 공무원번호, 성명, 소속, 과정명, 이수일; about 1,100 rows a
month) through core's import pipeline (ADR 0024). Every bad row is reported as "N행: 사유" and nothing is written
unless the user chose to register the good rows; rows already registered are counted, not added again."""

from __future__ import annotations

import datetime as dt

from gamsa.core import imports
from gamsa.core.tabular import ImportFileError, cell_text, normalise_header, parse_moment, read_table
from gamsa.integrity.training import services as svc
from gamsa.integrity.training.models import Course

COLUMNS = {
    "employee_number": ("공무원번호", "직원번호", "사번", "개인번호"),
    "name": ("성명", "이름"),
    "unit": ("소속", "부서", "소속부서"),
    "course": ("과정명", "교육과정", "과정"),
    "completed_on": ("이수일", "수료일", "이수일자", "수료일자"),
}
MAX_ERRORS_SHOWN = 200


def _header_index(header: list) -> dict[str, int]:
    names = [normalise_header(h) for h in header]
    index = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                index[key] = names.index(alias)
                break
    missing = [COLUMNS[k][0] for k in COLUMNS if k not in index and k != "unit"]
    if missing:
        raise ImportFileError(f"머리글 행에 필요한 열이 없습니다: {', '.join(missing)}")
    return index


def check_rows(data: bytes, *, today: dt.date) -> tuple[list[dict], list[list], int]:
    """(good rows, [[line, reason], …], duplicates within the file)."""
    table = read_table(data)
    if not table:
        raise ImportFileError("머리글 행이 없습니다.")
    index = _header_index(table[0][1])
    courses: dict[str, Course] = {}
    for course in Course.objects.filter(active=True):
        for name in course.names():
            courses[name.replace(" ", "")] = course
    body = [(line, cells) for line, cells in table[1:] if any(cell_text(c) for c in cells)]

    def cell(cells, key):
        i = index.get(key)
        return cell_text(cells[i]) if i is not None and i < len(cells) else ""

    staff = svc.staff_by_numbers(cell(c, "employee_number") for _, c in body)
    good, errors, seen, duplicates = [], [], set(), 0
    for line, cells in body:
        number, name = cell(cells, "employee_number"), cell(cells, "name")
        course_name = cell(cells, "course")
        raw_day = cells[index["completed_on"]] if index["completed_on"] < len(cells) else ""
        reasons = []
        user = staff.get(number)
        if not number:
            reasons.append("공무원번호가 비어 있습니다")
        elif user is None:
            reasons.append(f"공무원번호 {number}인 직원이 명부에 없습니다")
        elif name and user.full_name and name.replace(" ", "") != user.full_name.replace(" ", ""):
            reasons.append(f"성명이 명부와 다릅니다(공무원번호 {number})")
        course = courses.get(course_name.replace(" ", ""))
        if course is None:
            reasons.append(
                f"과정명 '{course_name}'을(를) 찾을 수 없습니다" if course_name else "과정명이 비어 있습니다"
            )
        moment = parse_moment(raw_day)
        day = moment.date() if moment else None
        if day is None:
            reasons.append("이수일을 읽을 수 없습니다(예: 2026-03-15)")
        elif day > today:
            reasons.append("이수일이 오늘보다 뒤입니다")
        if reasons:
            errors.append([line, ", ".join(reasons)])
            continue
        key = (course.pk, number, day)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        good.append({"user": user, "course": course, "completed_on": day})
    return good, errors, duplicates


class TrainingImport(imports.Importer):
    key = "integrity-training"
    kind = "integrity_training_import"
    label = "교육 이수 가져오기"
    start_message = "학습 시스템 파일을 검사하는 중입니다."

    def count_rows(self, data: bytes) -> int:
        table = read_table(data)
        if not table:
            raise ImportFileError("머리글 행이 없습니다.")
        _header_index(table[0][1])  # a file without the columns is refused at the upload, nothing stored
        return len(table) - 1

    def run(self, job, data, *, check, skip_bad, progress) -> imports.Outcome:
        from gamsa.integrity.viewkit import today

        good, errors, duplicates = check_rows(data, today=today())
        total = len(good) + len(errors) + duplicates
        progress(len(good) // 2, total)
        result = {
            "total": total,
            "good": len(good),
            "error_count": len(errors),
            "errors": [[line, reason] for line, reason in errors[:MAX_ERRORS_SHOWN]],
            "duplicates": duplicates,
            "created": 0,
            "already": 0,
            "committed": False,
        }
        if errors and not skip_bad:
            return imports.Outcome(
                result, f"잘못된 행 {len(errors):,}개가 있어 아무것도 등록하지 않았습니다.", committed=False
            )
        written = svc.import_completions(job.owner, good, job=job)
        progress(total, total)
        result.update(written, committed=True)
        return imports.Outcome(
            result,
            f"{written['created']:,}건을 새로 등록했습니다(이미 있던 {written['already']:,}건은 건너뜀).",
            committed=True,
        )


TRAINING_IMPORT = TrainingImport()
