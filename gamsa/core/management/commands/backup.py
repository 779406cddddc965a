from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gamsa.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "데이터베이스와 첨부파일을 하나의 .tar.gz 백업 파일로 만듭니다."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(Path(settings.VAR_DIR) / "backups"), help="백업 파일을 둘 폴더"
        )

    def handle(self, *args, **options):
        try:
            path = create_backup(Path(options["output"]))
        except BackupError as exc:
            raise CommandError(f"백업에 실패했습니다: {exc}") from exc
        self.stdout.write(f"백업 파일을 만들었습니다: {path} ({path.stat().st_size:,}바이트)")
