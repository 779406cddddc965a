from django.conf import settings
from django.core.management.base import BaseCommand

from gamsa.core.services import prune_access_log

ORPHAN_UPLOAD_AGE_SECONDS = 24 * 3600  # an import's upload no job needs is removed once it is a day old


class Command(BaseCommand):
    help = (
        "보존기간(최소 2년)이 지난 개인정보 접근기록을 지우고, 어떤 작업도 쓰지 않는 하루 지난 가져오기 파일"
        "(media/imports/)을 지웁니다. 각 업무의 보존기간이 지난 개인정보(청렴공한문 받는 사람 등)도 지웁니다."
    )

    def handle(self, *args, **options):
        from gamsa.core.jobs import sweep_uploads

        deleted = prune_access_log()
        self.stdout.write(
            f"보존기간 {settings.GAMSA_ACCESS_LOG_RETENTION_DAYS:,}일이 지난 접근기록 {deleted:,}건을 지웠습니다."
        )
        removed = sweep_uploads(older_than=ORPHAN_UPLOAD_AGE_SECONDS)
        self.stdout.write(f"작업이 쓰지 않는 하루 지난 가져오기 파일 {len(removed):,}개를 지웠습니다.")
        from gamsa.core import retention

        for line in retention.run_all():  # the apps' own retention rules (e.g. 청렴공한문 recipients)
            self.stdout.write(line)
