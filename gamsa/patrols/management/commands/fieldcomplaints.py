"""`gamsa fieldcomplaints import|evaluate|seed|scan`: 응답소 field complaints from the command line."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gamsa.core.commandline import active_user, read_input


class Command(BaseCommand):
    # An import is timed from the operator's start to its end (bench/fieldcomplaints_command.py): Django's system
    # checks (every URL, view and template module imported and checked) cost about half a second of CPU and check
    # nothing the import needs; `gamsa check`, `migrate` and `serve` run them.
    requires_system_checks = []
    help = "현장민원 가져오기(import), 부서 평가 내보내기(evaluate), 기본 항목 만들기(seed), 중복 후보 찾기(scan)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,evaluate,seed,scan}")
        imp = sub.add_parser("import", help="응답소 현장민원 XLSX 또는 CSV(UTF-8·CP949)를 가져옵니다")
        imp.add_argument("file", help="가져올 파일")
        imp.add_argument(
            "--skip-bad",
            action="store_true",
            help="잘못된 행은 건너뛰고 정상 행만 반영합니다 (기본: 하나라도 있으면 전부 취소)",
        )
        imp.add_argument("--dry-run", action="store_true", help="검사만 하고 아무것도 반영하지 않습니다")
        imp.add_argument("--user", default="", help="가져온 사람으로 기록할 사용자 아이디 (없으면 '시스템')")

        ev = sub.add_parser("evaluate", help="연도별 부서 평가(포상용)를 XLSX로 저장합니다")
        ev.add_argument("year", type=int)
        ev.add_argument("--min-count", type=int, default=None, help="평가 대상 최소 건수 (기본: 설정값)")
        ev.add_argument("--out", default="", help="저장할 파일 (기본: 현장민원_부서평가_연도.xlsx)")

        sub.add_parser("seed", help="기본 12개 분야·73개 세부항목 중 없는 것을 만듭니다")
        sub.add_parser("scan", help="아직 검사하지 않은 현장민원에서 가까운 중복 후보를 찾습니다")

    def handle(self, *args, **options):
        return getattr(self, f"do_{options['action']}")(options)

    def do_import(self, options):
        from gamsa.patrols.fieldcomplaints.importing import ImportFileError, import_field_complaints

        path, data = read_input(options["file"])
        started = time.perf_counter()
        try:
            report = import_field_complaints(
                active_user(options["user"]),
                data,
                skip_bad=options["skip_bad"],
                dry_run=options["dry_run"],
                source_name=path.name,
                scan_duplicates=False,
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        for line in report.lines():
            self.stderr.write(line)
        for name in report.new_items:
            self.stdout.write(f"새 세부항목(관리자 확인 필요): {name}")
        for name in report.new_unit_names:
            self.stdout.write(f"새 처리부서명(조직 대응 필요): {name}")
        self.stdout.write(f"{report.summary()} ({report.total:,}행, {time.perf_counter() - started:.1f}초)")
        self.stdout.flush()
        if report.committed:
            # Also when nothing was new: a run killed during its scan left complaints pending (ADR 0013).
            self._scan()
        if report.errors and not report.committed and not report.dry_run:
            raise CommandError("잘못된 행을 고친 뒤 다시 가져오거나 --skip-bad 를 쓰세요.")

    def do_evaluate(self, options):
        from gamsa.patrols.fieldcomplaints import evaluation

        data = evaluation.evaluate(options["year"], min_count=options["min_count"])
        out = Path(options["out"] or evaluation.file_name(options["year"]))
        out.write_bytes(evaluation.write_xlsx(data))
        self.stdout.write(
            f"{len(data['ranked'])}개 부서(기준 미달 {len(data['below'])}개)를 {out}에 저장했습니다."
        )

    def do_seed(self, options):
        from gamsa.patrols.models import FieldCategory, FieldItem
        from gamsa.patrols.seeds import seed_field_items

        self.stdout.write(f"세부항목 {seed_field_items(FieldCategory, FieldItem)}개를 만들었습니다.")

    def do_scan(self, options):
        self._scan()

    def _scan(self):
        """The near-duplicate scan of every pending complaint (item by item, each committed on its own)."""
        from gamsa.patrols.duplicates.scan import pending_count, scan_pending

        started = time.perf_counter()
        waiting = pending_count()
        if not waiting:
            self.stdout.write("중복 후보를 찾을 현장민원이 없습니다.")
            return
        self.stdout.write(f"현장민원 {waiting:,}건에서 가까운 중복 후보를 찾는 중입니다.")
        self.stdout.flush()
        result = scan_pending()
        self.stdout.write(
            f"가까운 중복 후보 {result.candidates:,}건을 찾았습니다"
            f" (현장민원 {result.complaints:,}건 검사, {time.perf_counter() - started:.1f}초)."
        )
