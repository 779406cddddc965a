"""`gamsa notices remind` (기한 지남 알림, once per case, person and day) and `gamsa notices retry` (send what is due).
Run both from cron or a timer, e.g. remind at 09:00 on working days and retry every five minutes."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from gamsa.core.notices import services


class Command(BaseCommand):
    help = "통지: 처리기한 지남 알림을 보내거나(remind), 재시도할 때가 된 통지를 다시 보냅니다(retry)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["remind", "retry"])
        parser.add_argument(
            "--at",
            help="remind: the moment to judge overdue cases at, ISO 8601 with offset (default now), "
            "e.g. to re-run a missed morning",
        )

    def handle(self, *args, action: str, at: str | None = None, **options):
        if action == "remind":
            now = None
            if at:
                try:
                    now = dt.datetime.fromisoformat(at)
                except ValueError:
                    raise CommandError("--at 값은 2027-02-10T09:00:00+09:00 형식이어야 합니다.") from None
                if now.tzinfo is None:
                    raise CommandError("--at 값에 시간대(+09:00)를 붙이세요.")
            count = services.remind_overdue(now=now)
            self.stdout.write(f"처리기한 지남 알림 {count:,}건을 보내도록 했습니다.")
        else:
            counts = services.retry_due()
            self.stdout.write(
                f"다시 보냄: 성공 {counts['sent']:,}건, 재시도 대기 {counts['retrying']:,}건, 실패 확정 {counts['failed']:,}건"
            )
