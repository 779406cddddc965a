"""`gamsa integrity letters RECIPIENTS.xlsx --out LETTERS.pdf [--hwpx LETTERS.hwpx]`: merge the current 청렴공한문
template with a recipients' list, one page per recipient in the file's order, printing progress;
`gamsa integrity prune`: delete the recipients (and merged files) whose retention has ended; and
`gamsa integrity survey [--today YYYY-MM-DD]`: the managers' self-assessment schedule (daily cron: made and sent to
the managers in May, closed when its last day has passed)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gamsa.core.commandline import read_input
from gamsa.core.tabular import ImportFileError


def _output(name: str, ext: str) -> Path:
    out = Path(name)
    if out.suffix.lower() != f".{ext}":
        raise CommandError(f".{ext}로 끝나는 파일 이름을 적어야 합니다: {name}")
    if not out.parent.is_dir():
        raise CommandError(f"폴더가 없습니다: {out.parent}")
    return out


class Command(BaseCommand):
    help = "청렴 시책: 청렴공한문 편지 만들기(letters), 보존기간 지난 개인정보 삭제(prune), 진단평가 일정(survey)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{letters,prune,survey}")
        letters = sub.add_parser("letters", help="받는 사람 명단(XLSX·CSV)으로 청렴공한문 PDF를 만듭니다")
        letters.add_argument(
            "file", help="받는 사람 명단: 성명, 주소, 우편번호, 업무 구분, 처리 부서, 처리일"
        )
        letters.add_argument("--out", required=True, metavar="LETTERS.pdf", help="저장할 PDF 파일")
        letters.add_argument("--hwpx", default="", metavar="LETTERS.hwpx", help="같은 편지를 HWPX로도 저장")
        letters.add_argument(
            "--processes", type=int, default=0, help="PDF를 나누어 만들 프로세스 수 (기본: CPU 수)"
        )
        sub.add_parser("prune", help="보존기간이 지난 청렴공한문 받는 사람 개인정보와 편지 파일을 지웁니다")
        survey = sub.add_parser(
            "survey",
            help="간부 부패위험성 진단평가 일정: 5월에 만들어 간부에게 보내고 마감일이 지나면 마감합니다",
        )
        survey.add_argument("--today", default="", metavar="YYYY-MM-DD", help="기준일 (기본: 오늘)")

    def handle(self, *args, **options):
        if options["action"] == "survey":
            self._survey(options["today"])
            return
        if options["action"] == "prune":
            from gamsa.integrity.letters.services import purge_expired

            deleted = purge_expired()
            self.stdout.write(
                f"보존기간이 지난 청렴공한문 받는 사람 {deleted:,}명의 개인정보와 편지 파일을 지웠습니다."
            )
            return
        self._letters(options)

    def _survey(self, today: str):
        import datetime as dt

        from gamsa.core.calendar import now
        from gamsa.integrity.survey.services import run_schedule

        try:
            day = dt.date.fromisoformat(today) if today else now().date()
        except ValueError:
            raise CommandError(f"날짜는 YYYY-MM-DD로 적어야 합니다: {today}") from None
        for line in run_schedule(day) or ["할 일이 없습니다."]:
            self.stdout.write(line)

    def _letters(self, options):
        from gamsa.core.services import record_event
        from gamsa.integrity.letters import merge
        from gamsa.integrity.letters.recipients import read_recipients
        from gamsa.integrity.letters.services import current_template, local_today

        out = _output(options["out"], "pdf")
        hwpx_out = _output(options["hwpx"], "hwpx") if options["hwpx"] else None
        _, data = read_input(options["file"])
        try:
            rows, errors = read_recipients(data)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        if errors:
            for line, reason in errors[:50]:
                self.stderr.write(f"{line}행: {reason}")
            raise CommandError(f"잘못된 행 {len(errors):,}개가 있어 편지를 만들지 않았습니다.")
        if not rows:
            raise CommandError("받는 사람이 없습니다.")
        template = current_template()
        if template is None:
            raise CommandError("시행 중인 청렴공한문 서식이 없습니다.")
        head = merge.Letterhead.of(template)
        people = [
            merge.Person(
                r.name, r.address, r.postal_code, r.business_type, r.handling_unit, r.handled_on, r.email
            )
            for r in rows
        ]
        started = time.perf_counter()
        total = len(people)

        def progress(done, _total):
            pct = 100 * done // total
            self.stdout.write(f"\r{done:,}/{total:,}쪽 ({pct}%)", ending="")
            self.stdout.flush()

        self.stdout.write(f"서식 제{template.version}판으로 {total:,}명의 편지를 만듭니다.")
        pdf = merge.render_pdf(
            head, people, issued_on=local_today(), progress=progress, processes=options["processes"] or None
        )
        out.write_bytes(pdf)
        self.stdout.write("")
        if hwpx_out:
            hwpx_out.write_bytes(merge.render_hwpx(head, people, issued_on=local_today()))
        record_event(
            None, "letters.printed", None, recipients=total, template=template.version, via="command"
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{out}에 {total:,}쪽을 저장했습니다 ({len(pdf) / 1024 / 1024:,.1f}MB, {seconds:,.1f}초)."
        )
        if hwpx_out:
            self.stdout.write(f"{hwpx_out}에 HWPX를 저장했습니다.")
        sys.stdout.flush()
