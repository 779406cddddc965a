"""`gamsa costing review FILE [--json] [--save --user ID] [--pdf OUT.pdf] [--hwpx OUT.hwpx]`: review a cost sheet
(XLSX or JSON) from the command line and, if asked, write the review opinion (심사 의견서) as PDF and HWPX."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gamsa.core.commandline import read_input
from gamsa.costing.engine.sheet import SheetError
from gamsa.costing.upload import MAX_BYTES


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _pct(rate) -> str:
    if rate is None:
        return "-"
    return f"{rate * 100:.4f}".rstrip("0").rstrip(".") + "%"


def _output_file(name: str, ext: str) -> Path:
    """Where an opinion goes: the name must end in .pdf/.hwpx and its folder must exist (checked before the work)."""
    out = Path(name)
    if out.suffix.lower() != f".{ext}":
        raise CommandError(f"--{ext}에는 .{ext}로 끝나는 파일 이름을 적어야 합니다: {name}")
    if not out.parent.is_dir():
        raise CommandError(f"폴더가 없습니다: {out.parent}")
    if out.is_dir():
        raise CommandError(f"파일이 아니라 폴더입니다: {out}")
    return out


class Command(BaseCommand):
    help = "원가계산서 제비율 심사(review)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{review,export-rates,import-rates}"
        )
        rev = sub.add_parser("review", help="원가계산서(XLSX 또는 JSON)를 기준일의 요율표로 심사합니다")
        rev.add_argument("file", help="원가계산서 파일 (표준 양식 XLSX 또는 JSON)")
        rev.add_argument("--json", action="store_true", help="결과를 JSON(lines, totals)으로 출력합니다")
        rev.add_argument("--save", action="store_true", help="심사 결과를 저장합니다 (--user 필요)")
        rev.add_argument("--user", default="", help="저장할 때 심사자로 기록할 사용자 아이디")
        rev.add_argument("--pdf", default="", metavar="OUT.pdf", help="심사 의견서를 PDF로 저장할 파일")
        rev.add_argument("--hwpx", default="", metavar="OUT.hwpx", help="심사 의견서를 HWPX로 저장할 파일")

        exp = sub.add_parser("export-rates", help="요율표 전체를 XLSX로 내보냅니다")
        exp.add_argument("--out", default="제비율_요율표.xlsx", help="저장할 파일")
        imp = sub.add_parser("import-rates", help="XLSX 요율표를 새 버전으로 등록합니다(전부 또는 전무)")
        imp.add_argument("file")
        imp.add_argument("--user", required=True, help="등록자 아이디 (감사팀 또는 시스템 관리자)")
        imp.add_argument("--dry-run", action="store_true", help="검사만 하고 저장하지 않습니다")

    def handle(self, *args, **options):
        return getattr(self, f"do_{options['action'].replace('-', '_')}")(options)

    def do_export_rates(self, options):
        from gamsa.costing.rates_io import export_rates

        Path(options["out"]).write_bytes(export_rates())
        self.stdout.write(f"요율표를 {options['out']}에 저장했습니다.")

    def do_import_rates(self, options):
        from gamsa.core.models import User
        from gamsa.costing import permissions as perms
        from gamsa.costing.rates_io import ImportFailed, import_rates

        actor = User.objects.filter(username=options["user"]).first()
        if actor is None or not perms.can_manage_rates(actor):
            raise CommandError("요율표를 등록할 수 있는 사용자 아이디를 --user로 적어야 합니다.")
        _, data = read_input(options["file"], MAX_BYTES)
        try:
            result = import_rates(actor, data, dry_run=options["dry_run"])
        except ImportFailed as exc:
            raise CommandError(
                "등록하지 않았습니다. 고칠 곳:\n" + "\n".join(f"  - {e}" for e in exc.errors)
            ) from None
        verb = "등록할 수 있습니다(검사만 함)" if options["dry_run"] else "등록했습니다"
        self.stdout.write(
            f"새 버전 {result['created']}건을 {verb}. 이미 있는 {result['skipped']}건은 건너뛰었습니다."
        )

    def do_review(self, options):
        from gamsa.costing import services
        from gamsa.costing.upload import read_upload

        _, content = read_input(options["file"], MAX_BYTES)
        outputs = {ext: _output_file(options[ext], ext) for ext in ("pdf", "hwpx") if options[ext]}
        try:
            data, _ = read_upload(content)
            if options["save"]:
                from gamsa.core.models import User

                actor = User.objects.filter(username=options["user"]).first() if options["user"] else None
                if actor is None:
                    raise CommandError("--save에는 --user로 심사자 아이디를 적어야 합니다.")
                review = services.review_sheet(actor, data)
            else:
                review = services.build_review(None, data)
        except SheetError as exc:
            raise CommandError(
                "원가계산서에 고칠 곳이 있습니다:\n"
                + "\n".join(f"  - {e['field']}: {e['message']}" for e in exc.errors)
            ) from None
        if options["json"]:
            self.stdout.write(json.dumps(review.result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._table(review.title, review.result, review.summary))
        self._write_opinions(review, outputs, notes=self.stderr if options["json"] else self.stdout)

    def _write_opinions(self, review, outputs: dict[str, Path], notes) -> None:
        from gamsa.costing import opinion

        writers = {"pdf": opinion.write_pdf, "hwpx": opinion.write_hwpx}
        for ext, out in outputs.items():
            content = writers[ext](review)
            out.write_bytes(content)
            notes.write(f"심사 의견서({ext.upper()})를 {out}에 저장했습니다 ({len(content):,}바이트).")

    def _table(self, title: str, result: dict, summary: dict) -> str:
        widths = (26, 9, 15, 9, 15, 13)
        head = ["비목", "신고요율", "신고금액", "인정요율", "인정금액", "차이"]
        rows = [
            f"제비율 심사: {title}",
            "  ".join(_pad(h, w, right=i > 0) for i, (h, w) in enumerate(zip(head, widths, strict=True))),
            "-" * (sum(widths) + 2 * (len(widths) - 1)),
        ]
        notes = []
        for line in result["lines"]:
            cells = [
                line["basis"]["label"],
                _pct(line["stated_rate"]),
                f"{line['stated_amount']:,}",
                _pct(line["allowed_rate"]),
                f"{line['allowed_amount']:,}",
                f"{line['difference']:,}" if line["difference"] else "-",
            ]
            rows.append(
                "  ".join(_pad(c, w, right=i > 0) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
            )
            if line["difference"] or line["basis"].get("arithmetic_error"):
                notes.append(f"  * {line['basis']['label']}: {line['basis']['explanation']}")
        totals = result["totals"]
        rows += [
            "-" * (sum(widths) + 2 * (len(widths) - 1)),
            f"신고 금액 {totals['stated_total']:,}원 / 인정 금액 {totals['allowed_total']:,}원 / "
            f"절감액 {totals['savings']:,}원 (천원 미만 절사)",
        ]
        if notes:
            rows += ["", "조정 사유:", *notes]
        return "\n".join(rows) + "\n"
