from django.core.management.base import BaseCommand

from gamsa.hotline.retention import purge_expired


class Command(BaseCommand):
    help = "보존 기간이 지난 청렴톡 신고(보존 명령이 없는 것)를 지우고 통계용 기록만 남깁니다."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"청렴톡 신고 {deleted}건을 지웠습니다.")
