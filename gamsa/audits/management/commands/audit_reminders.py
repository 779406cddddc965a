"""Daily job: record a reminder (독촉) for every overdue disposition not reminded in the last REPEAT_DAYS days.

Run from cron once a working day, e.g. `30 8 * * 1-5  gamsa  /srv/gamsa/venv/bin/gamsa audit_reminders`.
Each reminder is an event by "시스템" and raises the count shown on the department's desk and the board.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from gamsa.audits.models import OPEN_DISPOSITION_STATUSES, Disposition
from gamsa.audits.services.findings import send_reminder

REPEAT_DAYS = 7


class Command(BaseCommand):
    help = "기한이 지난 처분요구에 독촉을 기록합니다 (같은 건은 7일에 한 번)."

    def handle(self, *args, **options):
        now = timezone.now()
        since = now - dt.timedelta(days=REPEAT_DAYS)
        due = Disposition.objects.filter(status__in=OPEN_DISPOSITION_STATUSES, due_at__lt=now).filter(
            Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=since)
        )
        count = 0
        for disposition in due.iterator(chunk_size=500):
            send_reminder(None, disposition, now=now)
            count += 1
        self.stdout.write(f"독촉 {count:,}건을 기록했습니다.")
