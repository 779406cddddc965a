"""Backup and restore of the database and the uploaded files, as one .tar.gz.

SQLite: a consistent copy through sqlite3's online backup API. PostgreSQL: `pg_dump --format=custom`
(restored with `pg_restore --clean --if-exists`). The archive holds `manifest.json`, the database file and
`media/`. See docs/operations.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

import gamsa


class BackupError(RuntimeError):
    pass


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = [
        "--host",
        db.get("HOST") or "127.0.0.1",
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        db.get("USER") or "postgres",
        "--dbname",
        db["NAME"],
    ]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def create_backup(output_dir: Path) -> Path:
    db = settings.DATABASES["default"]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"gamsa-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if connection.vendor == "sqlite":
            db_file = tmpdir / "db.sqlite3"
            _sqlite_copy(db["NAME"], db_file)
        else:
            db_file = tmpdir / "db.pgdump"
            args, env = _pg_env(db)
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(db_file), *args],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        manifest = {
            "created_at": dt.datetime.now().astimezone().isoformat(),
            "gamsa_version": gamsa.__version__,
            "vendor": connection.vendor,
            "database_file": db_file.name,
        }
        (tmpdir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        with tarfile.open(target, "w:gz") as tar:
            tar.add(tmpdir / "manifest.json", arcname="manifest.json")
            tar.add(db_file, arcname=db_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
    target.chmod(0o600)
    return target


def restore_backup(archive: Path) -> dict:
    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmpdir, filter="data")
        manifest = json.loads((tmpdir / "manifest.json").read_text())
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"backup is from {manifest['vendor']}, this installation uses {connection.vendor}"
            )
        db_file = tmpdir / manifest["database_file"]
        connection.close()
        if connection.vendor == "sqlite":
            _sqlite_copy(db_file, db["NAME"])
        else:
            args, env = _pg_env(db)
            result = subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(db_file)],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        # The uploaded files become exactly those of the backup (none, if it had none).
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        media_src = tmpdir / "media"
        if media_src.exists():
            shutil.copytree(media_src, media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return manifest
