"""`gamsa worker`: run background tasks (django-tasks-db) with heartbeats, recovery, reconnection, graceful stop."""

from __future__ import annotations

import logging
import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.crypto import get_random_string

from gamsa.core.worker import Worker


class Command(BaseCommand):
    help = (
        "백그라운드 작업 처리기를 실행합니다(db_worker 대신 이것을 쓰세요): 심장박동, 멈춘 작업 복구, "
        "데이터베이스 재연결, SIGTERM·SIGINT에 작업을 마치거나 대기열에 돌려놓고 끝내기."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="처리할 대기열(쉼표로 구분, *는 전부)")
        parser.add_argument("--interval", type=float, default=1.0, help="작업이 없을 때 기다리는 초")
        parser.add_argument("--max-tasks", type=int, default=None, help="이만큼 처리하고 끝냅니다")
        parser.add_argument(
            "--worker-id", default="", help="처리기 이름(기본: 호스트·프로세스 번호·임의 문자)"
        )

    def handle(self, *args, **options):
        from django.conf import settings

        if settings.GAMSA_TASKS_BACKEND != "database":
            raise CommandError(
                f"GAMSA_TASKS_BACKEND={settings.GAMSA_TASKS_BACKEND}: 데이터베이스 작업 처리기가 필요 없습니다."
            )
        if options["interval"] < 0:
            raise CommandError("--interval은 0 이상이어야 합니다.")
        worker_id = options["worker_id"] or f"{os.getpid()}-{get_random_string(12)}"
        if len(worker_id) > 64:
            raise CommandError("--worker-id는 64자 이하여야 합니다.")
        db = connections["default"].settings_dict
        if db["ENGINE"].endswith("postgresql"):
            # Seen in pg_stat_activity; lets an operator (or a test) find the worker's connection.
            db["OPTIONS"] = {**db.get("OPTIONS", {}), "application_name": f"gamsa-worker {worker_id}"[:63]}
        logging.getLogger("gamsa.worker").setLevel(logging.INFO)
        parent = os.environ.get("GAMSA_WORKER_PARENT_PID", "")
        worker = Worker(
            worker_id=worker_id,
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            max_tasks=options["max_tasks"],
            parent_pid=int(parent) if parent.isdigit() else None,
        )
        worker.configure_signals()
        worker.run()
