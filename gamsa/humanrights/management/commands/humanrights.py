"""`gamsa humanrights purge [--on YYYY-MM-DD]`: delete the education participant lists whose retention has ended
(run it daily from cron, beside `gamsa prune_logs`)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "인권 업무: 보유 기간이 지난 인권교육 참여자 명단을 지웁니다 (purge)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        purge = sub.add_parser("purge", help="보유 기간이 지난 교육 참여자 명단 삭제")
        purge.add_argument("--on", help="기준일 (YYYY-MM-DD, 기본 오늘)")

    def handle(self, *args, **options):
        from gamsa.humanrights.education.services import purge_expired

        on = None
        if options.get("on"):
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError("--on은 YYYY-MM-DD 형식이어야 합니다.") from None
        deleted = purge_expired(on)
        self.stdout.write(f"보유 기간이 지난 교육 참여자 {deleted:,}명의 명단을 지웠습니다.")
