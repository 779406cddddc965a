"""The 응답소 import's adapter for core's one import pipeline
(gamsa/core/imports.py, ADR 0024). The evaluation's XLSX is small and written in the request (views.py).
"""

from __future__ import annotations

from gamsa.core import imports, services


class FieldComplaintImport(imports.Importer):
    """The 응답소 export: imported straight after the upload ("skip bad rows" is chosen on the upload form);
    the near-duplicate scan it owes runs after the commit, inside the job (ADR 0013)."""

    key = "fieldcomplaints"
    kind = "fieldcomplaint_import"
    label = "응답소 현장민원 가져오기"
    size_factor = 4
    too_big = "파일이 너무 큽니다. 기간을 나누어 올리세요."
    start_message = "파일의 모든 행을 검사하는 중입니다."

    def count_rows(self, data: bytes) -> int:
        # Imported here: the importer brings Arrow, which web processes need only for this.
        from gamsa.core.tabular import read_columns
        from gamsa.patrols.fieldcomplaints import importing

        return len(read_columns(data, importing.HEADERS))

    def run(self, job, data, *, check, skip_bad, progress) -> imports.Outcome:
        from gamsa.patrols.fieldcomplaints import importing

        report = importing.import_field_complaints(
            job.owner,
            data,
            skip_bad=skip_bad,
            dry_run=check,
            job=job,
            source_name=job.params.get("name", ""),
            progress=lambda done, total: services.job_progress(
                job, done=done, total=total, message="반영하는 중입니다."
            ),
            scan_duplicates=False,
        )
        if report.committed:  # also with nothing new: a killed run's owed scan is finished here (ADR 0013)
            services.job_progress(
                job, done=report.total, message="반영했습니다. 가까운 중복 후보를 찾는 중입니다."
            )
            importing.scan_new_for_duplicates(report)
        return imports.Outcome(report.as_dict(), report.summary(), report.committed)
