from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gamsa.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "gamsa backup으로 만든 파일에서 데이터베이스와 첨부파일을 되살립니다. 현재 데이터는 덮어씁니다."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="확인 없이 덮어씁니다.")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.exists():
            raise CommandError(f"백업 파일이 없습니다: {archive}")
        if not options["yes"]:
            answer = input("현재 데이터베이스와 첨부파일을 백업 내용으로 덮어씁니다. 계속할까요? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("복원을 취소했습니다.")
        try:
            manifest = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(f"복원에 실패했습니다: {exc}") from exc
        self.stdout.write(
            f"복원했습니다: {manifest['created_at']}에 만든 백업 (gamsa {manifest['gamsa_version']})"
        )
