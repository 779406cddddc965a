"""The recipients' file through core's import pipeline (ADR 0024): every bad row "N행: 사유", nothing registered
when a row is bad, the uploaded file removed in every outcome. A good file becomes one batch."""

from __future__ import annotations

from gamsa.core import imports
from gamsa.integrity.letters import services as svc
from gamsa.integrity.letters.recipients import count_rows, read_recipients

MAX_ERRORS_SHOWN = 200


class RecipientsImport(imports.Importer):
    key = "integrity-letters"
    kind = "integrity_letters_import"
    label = "청렴공한문 받는 사람 명단 등록"
    start_message = "받는 사람 명단을 검사하는 중입니다."

    def count_rows(self, data: bytes) -> int:
        return count_rows(data)

    def run(self, job, data, *, check, skip_bad, progress) -> imports.Outcome:
        rows, errors = read_recipients(data)
        total = len(rows) + len(errors)
        progress(total // 2, total)
        result = {
            "total": total,
            "good": len(rows),
            "error_count": len(errors),
            "errors": errors[:MAX_ERRORS_SHOWN],
            "batch": "",
            "committed": False,
        }
        if errors:
            return imports.Outcome(
                result, f"잘못된 행 {len(errors):,}개가 있어 명단을 등록하지 않았습니다.", committed=False
            )
        try:
            batch = svc.create_batch(
                job.owner,
                rows,
                source_name=job.params.get("name", ""),
                job=job,
            )
        except svc.LetterError as exc:
            from gamsa.core.tabular import ImportFileError

            raise ImportFileError(str(exc)) from None
        progress(total, total)
        result.update(batch=str(batch.public_id), number=batch.number, committed=True)
        return imports.Outcome(
            result, f"받는 사람 {len(rows):,}명을 등록했습니다({batch.number}).", committed=True
        )


RECIPIENTS_IMPORT = RecipientsImport()
