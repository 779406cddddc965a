from django.conf import settings
from django.core.management.base import BaseCommand

from gamsa.core.services import prune_access_log


class Command(BaseCommand):
    help = "보존기간(최소 2년)이 지난 개인정보 접근기록을 지웁니다."

    def handle(self, *args, **options):
        deleted = prune_access_log()
        self.stdout.write(
            f"보존기간 {settings.GAMSA_ACCESS_LOG_RETENTION_DAYS:,}일이 지난 접근기록 {deleted:,}건을 지웠습니다."
        )
