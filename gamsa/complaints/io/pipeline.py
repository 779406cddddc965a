"""The grievance file's adapter to core's one import pipeline (gamsa/core/imports.py, ADR 0024), registered once.

The file holds names and phones: it is checked first, registered when the user confirms the preview, and deleted
in every outcome by the pipeline.
"""

from __future__ import annotations

from gamsa.complaints.io import importing
from gamsa.core import imports


class GrievanceImport(imports.Importer):
    """The grievance file (names, phones): checked first, registered when the user confirms the preview."""

    key = "grievances"
    kind = "grievance_import"
    label = "고충민원 가져오기"
    check_kind = "grievance_import_check"
    check_label = "고충민원 가져오기 검사"

    def count_rows(self, data: bytes) -> int:
        return importing.count_rows(data)

    def run(self, job, data, *, check, skip_bad, progress) -> imports.Outcome:
        report = importing.import_grievances(
            job.owner,
            data,
            skip_bad=skip_bad,
            dry_run=check,
            source_name=job.params.get("name", ""),
            progress=progress,
        )
        if check:
            message = f"검사를 마쳤습니다: 정상 {len(report.created):,}행, 오류 {len(report.errors):,}행."
        elif report.committed:
            message = f"{len(report.created):,}건을 등록했습니다."
        else:
            message = f"잘못된 행 {len(report.errors):,}개가 있어 아무것도 등록하지 않았습니다."
        return imports.Outcome(report.as_dict(), message, report.committed)


GRIEVANCE_IMPORT = imports.register(GrievanceImport())
