"""Settings refuse bad environment variables by name; backup and restore round-trip a SQLite installation.

Both run real processes: `python -c "import gamsa.settings"` and the `gamsa` console script.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings

PROJECT_DIR = Path(__file__).resolve().parents[3]
GAMSA = Path(sys.executable).parent / "gamsa"
VALID_KEY = "test-secret-key-for-the-test-suite-only-0123456789"


def clean_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """os.environ without any GAMSA_*/DATABASE_URL/DJANGO_* setting, then a valid base, then `changes`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAMSA_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        GAMSA_SECRET_KEY=VALID_KEY,
        GAMSA_HOTLINE_PEPPER="test-hotline-pepper-for-the-test-suite-only-0123456789",
        GAMSA_HTTPS="false",
        GAMSA_VAR_DIR=str(tmp_path),
        GAMSA_TASKS_BACKEND="immediate",
    )
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def import_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import gamsa.settings"],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- settings validation ------------------------------------------------------------------------------------


BAD = [
    pytest.param({"GAMSA_DEBUG": "maybe"}, "GAMSA_DEBUG", id="debug-not-a-boolean"),
    pytest.param({"GAMSA_SECRET_KEY": None, "GAMSA_DEBUG": "false"}, "GAMSA_SECRET_KEY", id="no-secret-key"),
    pytest.param({"GAMSA_SECRET_KEY": "", "GAMSA_DEBUG": "false"}, "GAMSA_SECRET_KEY", id="empty-secret-key"),
    pytest.param({"GAMSA_SECRET_KEY": "short-key-0123456789"}, "GAMSA_SECRET_KEY", id="secret-key-too-short"),
    pytest.param({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL", id="mysql"),
    pytest.param(
        {"GAMSA_ACCESS_LOG_RETENTION_DAYS": "100"}, "GAMSA_ACCESS_LOG_RETENTION_DAYS", id="retention-100"
    ),
    pytest.param(
        {"GAMSA_ACCESS_LOG_RETENTION_DAYS": "two years"},
        "GAMSA_ACCESS_LOG_RETENTION_DAYS",
        id="retention-text",
    ),
    pytest.param({"GAMSA_ATTACHMENT_MAX_MB": "0"}, "GAMSA_ATTACHMENT_MAX_MB", id="attachment-0"),
    pytest.param({"GAMSA_IMPORT_MAX_ROWS": "many"}, "GAMSA_IMPORT_MAX_ROWS", id="import-rows-not-a-number"),
    pytest.param({"GAMSA_IMPORT_MAX_RATIO": "5"}, "GAMSA_IMPORT_MAX_RATIO", id="import-ratio-too-low"),
    pytest.param({"GAMSA_TASKS_BACKEND": "celery"}, "GAMSA_TASKS_BACKEND", id="tasks-backend"),
    pytest.param(
        {"GAMSA_CSRF_TRUSTED_ORIGINS": "gamsa.example.kr"}, "GAMSA_CSRF_TRUSTED_ORIGINS", id="csrf-origin"
    ),
    pytest.param({"GAMSA_SESSION_HOURS": "100"}, "GAMSA_SESSION_HOURS", id="session-hours"),
    pytest.param({"GAMSA_HTTPS": "sometimes"}, "GAMSA_HTTPS", id="https-not-a-boolean"),
    pytest.param({"GAMSA_HOTLINE_PEPPER": None}, "GAMSA_HOTLINE_PEPPER", id="hotline-pepper-missing"),
    pytest.param({"GAMSA_HOTLINE_PEPPER": "short"}, "GAMSA_HOTLINE_PEPPER", id="hotline-pepper-short"),
]


@pytest.mark.parametrize(("changes", "name"), BAD)
def test_bad_setting_stops_the_process_naming_the_variable(tmp_path, changes, name):
    result = import_settings(clean_env(tmp_path, **changes))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="sqlite-default"),
        pytest.param({"GAMSA_DEBUG": "true", "GAMSA_SECRET_KEY": None}, id="debug-without-key"),
        pytest.param(
            {
                "GAMSA_DEBUG": "no",
                "DATABASE_URL": "postgres://gamsa:pw@db.example.kr:5432/gamsa",
                "GAMSA_ACCESS_LOG_RETENTION_DAYS": "1095",
                "GAMSA_CSRF_TRUSTED_ORIGINS": "https://gamsa.example.kr",
                "GAMSA_ATTACHMENT_MAX_MB": "50",
            },
            id="postgres-full",
        ),
    ],
)
def test_valid_settings_import(tmp_path, changes):
    result = import_settings(clean_env(tmp_path, **changes))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("redis", "engine"),
    [
        ("", "django.contrib.sessions.backends.db"),
        ("redis://127.0.0.1:6379/0", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_read_through_the_cache_only_when_it_is_shared(tmp_path, redis, engine):
    """Each web process has its own memory cache: a session cached there would outlive its logout in another
    process. So sessions go through the cache only when it is Redis, shared by every process."""
    env = clean_env(tmp_path, GAMSA_REDIS_URL=redis or None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gamsa.settings as s; print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])",
        ],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    session_engine, cache = result.stdout.split()
    assert session_engine == engine
    assert cache.endswith("RedisCache" if redis else "LocMemCache")


# --- backup and restore -------------------------------------------------------------------------------------


def _on_sqlite() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def gamsa(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(GAMSA), *args],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=180,
    )
    return result


def gamsa_ok(env: dict[str, str], *args: str) -> str:
    result = gamsa(env, *args)
    assert result.returncode == 0, f"gamsa {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def shell_json(env: dict[str, str], code: str) -> dict:
    """Run `code` in `gamsa shell -c`; it must print one JSON object on its last line."""
    out = gamsa_ok(env, "shell", "-c", code)
    return json.loads(out.strip().splitlines()[-1])


STATE = """
import json
from pathlib import Path
from gamsa.core.models import Attachment, Closure, User
a = Attachment.objects.filter(original_name='백업시험.pdf').first()
print(json.dumps({
    "closures": sorted(Closure.objects.values_list("name", flat=True)),
    "users": User.objects.count(),
    "attachment_file": bool(a) and Path(a.file.path).exists(),
}))
"""


@pytest.mark.skipif(not _on_sqlite(), reason="backup/restore round trip runs on a temporary SQLite file only")
@pytest.mark.skipif(not GAMSA.exists(), reason=f"console script {GAMSA} is not installed")
def test_backup_and_restore_round_trip_on_sqlite(tmp_path):
    db_file = tmp_path / "x.sqlite3"
    env = clean_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{db_file}",
        GAMSA_MEDIA_ROOT=str(tmp_path / "media"),
        GAMSA_OTP_REQUIRED="false",
    )
    gamsa_ok(env, "migrate", "--noinput", "--verbosity", "0")
    gamsa_ok(env, "demo")
    before = shell_json(
        env,
        "import io, json\n"
        "from PIL import Image\n"
        "from gamsa.core import services\n"
        "from gamsa.core.models import User\n"
        "admin = User.objects.get(username='admin')\n"
        "services.add_closure(admin, date='2031-05-13', name='개청기념일', kind='local')\n"
        "buf = io.BytesIO(); Image.new('RGB', (4, 4)).save(buf, format='PDF')\n"
        "a = services.store_attachment(admin, data=buf.getvalue(), original_name='백업시험.pdf')\n"
        "print(json.dumps({'file': a.file.path}))",
    )
    stored_file = Path(before["file"])
    assert stored_file.is_file() and str(stored_file).startswith(str(tmp_path / "media"))
    state_at_backup = shell_json(env, STATE)
    assert state_at_backup["closures"] == ["개청기념일"]
    assert state_at_backup["attachment_file"] is True
    assert state_at_backup["users"] >= 20  # the demo district is there

    out = gamsa_ok(env, "backup", "--output", str(tmp_path / "b"))
    [archive] = list((tmp_path / "b").glob("gamsa-backup-*.tar.gz"))
    assert str(archive) in out
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "db.sqlite3" in names
    assert any(n.startswith("media/attachments/") for n in names)
    assert manifest["vendor"] == "sqlite" and manifest["database_file"] == "db.sqlite3"

    # Lose data after the backup: delete the closure and the file, and add something new.
    gamsa_ok(
        env,
        "shell",
        "-c",
        "from gamsa.core.models import Closure\n"
        "from gamsa.core import services\n"
        "Closure.objects.filter(name='개청기념일').delete()\n"
        "services.add_closure(None, date='2031-06-01', name='백업 뒤 추가', kind='other')",
    )
    stored_file.unlink()
    assert shell_json(env, STATE)["closures"] == ["백업 뒤 추가"]

    # Without --yes, answering no changes nothing.
    refused = gamsa(env, "restore", str(archive), stdin="n\n")
    assert refused.returncode != 0
    assert "취소" in refused.stderr
    assert shell_json(env, STATE)["closures"] == ["백업 뒤 추가"]

    gamsa_ok(env, "restore", str(archive), "--yes")
    restored = shell_json(env, STATE)
    assert restored == state_at_backup
    assert stored_file.is_file()


@pytest.mark.skipif(not GAMSA.exists(), reason=f"console script {GAMSA} is not installed")
def test_restore_of_a_missing_file_fails_with_a_message(tmp_path):
    env = clean_env(
        tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'y.sqlite3'}", GAMSA_MEDIA_ROOT=str(tmp_path / "m")
    )
    result = gamsa(env, "restore", str(tmp_path / "nothing.tar.gz"), "--yes")
    assert result.returncode != 0
    assert "백업 파일이 없습니다" in result.stderr
