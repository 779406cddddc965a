"""What the `gamsa` management commands share: the acting user named on the command line, and input files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError


def active_user(username: str):
    """The active user `--user` names, None when none is named; a clear error for an unknown name."""
    from gamsa.core.models import User

    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"사용자를 찾을 수 없습니다: {username}")
    return user


def input_file(name: str) -> Path:
    """The file a command reads; a clear error when it is not there."""
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"파일이 없습니다: {path}")
    return path


def read_input(name: str, max_bytes: int | None = None) -> tuple[Path, bytes]:
    """The file a command imports and its bytes, refused before reading when larger than `max_bytes` (by default the
    import limit GAMSA_IMPORT_MAX_UNCOMPRESSED_MB, which no importable file can exceed)."""
    from django.conf import settings

    path = input_file(name)
    limit = max_bytes or settings.GAMSA_IMPORT_MAX_UNCOMPRESSED_BYTES
    size = path.stat().st_size
    if size > limit:
        raise CommandError(
            f"파일이 너무 큽니다({size / (1024 * 1024):,.1f}MB). {limit / (1024 * 1024):,.0f}MB 이하만 읽습니다."
        )
    return path, path.read_bytes()
