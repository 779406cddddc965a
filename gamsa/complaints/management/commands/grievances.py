"""`gamsa grievances import|export|similar`: the grievance desk from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gamsa.complaints.models import Channel, Grievance, Kind, Status
from gamsa.core.commandline import active_user, read_input


class Command(BaseCommand):
    help = "고충민원 가져오기(import), 내보내기(export), 비슷한 민원 찾기(similar)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,export,similar}")
        imp = sub.add_parser("import", help="CSV(UTF-8·CP949) 또는 XLSX 파일의 민원을 등록합니다")
        imp.add_argument("file", help="가져올 파일")
        imp.add_argument("--skip-bad", action="store_true", help="잘못된 행은 건너뛰고 정상 행만 등록합니다")
        imp.add_argument("--dry-run", action="store_true", help="검사만 하고 아무것도 등록하지 않습니다")
        imp.add_argument("--user", default="", help="등록자로 기록할 사용자 아이디 (없으면 '시스템')")

        exp = sub.add_parser("export", help="민원 목록을 XLSX로 내보냅니다")
        exp.add_argument(
            "--status",
            action="append",
            default=[],
            help=f"상태 (여러 번 가능): open 또는 {', '.join(Status.values)}",
        )
        exp.add_argument("--channel", choices=Channel.values)
        exp.add_argument("--kind", choices=Kind.values)
        exp.add_argument("--out", default="", help="저장할 파일 (기본: 고충민원_날짜.xlsx)")
        exp.add_argument(
            "--with-personal",
            action="store_true",
            help="민원인 성명·연락처·주소를 포함합니다 (--user 필요, 접근기록에 남습니다)",
        )
        exp.add_argument("--user", default="", help="내보내는 사용자 아이디")

        sim = sub.add_parser(
            "similar",
            help="같은 사안의 민원 후보(같은 민원인의 반복민원, 다른 민원인의 중복민원)를 점수가 높은 순으로 보여 줍니다",
        )
        sim.add_argument("case_number")
        sim.add_argument("--json", action="store_true", help="JSON으로 출력합니다")
        sim.add_argument("--limit", type=int, default=10)

    def handle(self, *args, **options):
        return getattr(self, f"do_{options['action']}")(options)

    # --- import ---------------------------------------------------------------------------------------------
    def do_import(self, options):
        from gamsa.complaints.io import importing

        path, data = read_input(options["file"])
        try:
            report = importing.import_grievances(
                active_user(options["user"]),
                data,
                skip_bad=options["skip_bad"],
                dry_run=options["dry_run"],
                source_name=path.name,
            )
        except importing.ImportFileError as exc:
            raise CommandError(str(exc)) from None
        for line in report.lines():
            self.stderr.write(line)
        if report.dry_run:
            self.stdout.write(
                f"검사 결과: 전체 {report.total}행, 정상 {len(report.created)}행, 오류 {len(report.errors)}행 "
                "(검사만 했고 등록하지 않았습니다)"
            )
        elif report.committed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(report.created)}건을 등록했습니다"
                    + (f" (오류 {len(report.errors)}행 건너뜀)" if report.errors else "")
                )
            )
        else:
            raise CommandError(
                f"잘못된 행 {len(report.errors)}개가 있어 아무것도 등록하지 않았습니다. "
                "고쳐서 다시 올리거나 --skip-bad로 정상 행만 등록하세요."
            )

    # --- export ---------------------------------------------------------------------------------------------
    def do_export(self, options):
        from django.db.models import Q

        from gamsa.complaints.grievances import permissions as grievance_perms
        from gamsa.complaints.io import exporting
        from gamsa.complaints.io import permissions as perms
        from gamsa.complaints.models import OPEN_STATUSES

        user = active_user(options["user"])
        personal = options["with_personal"]
        if personal and (user is None or not perms.may_export_personal(user)):
            raise CommandError(
                "개인정보를 포함하려면 민원관리팀 또는 감사담당관 사용자를 --user로 지정하세요."
            )
        qs = Grievance.objects.all()
        statuses = []
        for value in options["status"]:
            for item in value.split(","):
                item = item.strip()
                if item == "open":
                    statuses += list(OPEN_STATUSES)
                elif item in Status.values:
                    statuses.append(item)
                elif item:
                    raise CommandError(f"알 수 없는 상태입니다: {item}")
        if statuses:
            qs = qs.filter(status__in=statuses)
        for name in ("channel", "kind"):
            if options.get(name):
                qs = qs.filter(Q(**{name: options[name]}))
        if user is not None:
            qs = grievance_perms.visible_grievances(user, qs)
        qs = (
            qs.select_related("department", "complainant")
            .prefetch_related("answers")
            .order_by("received_at", "id")
        )
        data, count = exporting.write_xlsx(qs, include_personal=personal)
        if personal and count:
            from gamsa.core.models import AccessLog
            from gamsa.core.services import log_access

            log_access(
                user,
                None,
                exporting.PERSONAL_FIELDS,
                action=AccessLog.Action.EXPORT,
                count=count,
                reason="고충민원 엑셀 내보내기 (명령줄)",
                target_type="complaints.grievance",
                target_id="목록",
            )
        out = Path(options["out"] or exporting.file_name())
        out.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{count}건을 {out}에 저장했습니다."))

    # --- similar --------------------------------------------------------------------------------------------
    def do_similar(self, options):
        """Both kinds, best first; no personal data (names and phones are for the screen and the API, where reads
        are logged per user)."""
        from gamsa.complaints.grievances.similarity import similar_grievances
        from gamsa.core.calendar import SEOUL
        from gamsa.text.matters import MATTER_LABELS

        g = (
            Grievance.objects.select_related("complainant", "category")
            .filter(case_number=options["case_number"])
            .first()
        )
        if g is None:
            raise CommandError(f"접수번호를 찾을 수 없습니다: {options['case_number']}")
        candidates = similar_grievances(g, limit=max(1, options["limit"]))
        if options["json"]:
            payload = [
                {
                    "case_number": c.grievance.case_number,
                    "kind": c.kind,
                    "same_complainant": c.same_complainant,
                    "score": c.score,
                    "same_place": c.same_place,
                    "place": c.place,
                    "matter": MATTER_LABELS.get(c.matter, ""),
                    "title": c.grievance.title,
                    "status": c.grievance.status,
                    "received_at": c.grievance.received_at.astimezone(SEOUL).isoformat(),
                    "reasons": list(c.reasons),
                }
                for c in candidates
            ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not candidates:
            self.stdout.write("같은 사안으로 보이는 민원이 없습니다.")
            return
        for c in candidates:
            self.stdout.write(
                f"{c.grievance.case_number}\t{c.score:.3f}\t{c.kind_label}\t{c.grievance.title[:40]}\t"
                f"{'; '.join(c.reasons)}"
            )
