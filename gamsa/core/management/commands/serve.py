"""Serve gamsa locally: the waitress WSGI server plus the background task worker in a child process."""

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "웹 서버(waitress)와 백그라운드 작업 처리기(db_worker)를 함께 실행합니다."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="작업 처리기를 띄우지 않습니다.")

    def handle(self, *args, **options):
        from django.conf import settings
        from waitress import serve

        from gamsa.wsgi import application

        proxy = {}
        if settings.GAMSA_BEHIND_PROXY:
            # waitress drops X-Forwarded-* unless the proxy is trusted; then REMOTE_ADDR and the scheme are real.
            proxy = {
                "trusted_proxy": settings.GAMSA_TRUSTED_PROXY,
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
                "clear_untrusted_proxy_headers": True,
            }
        worker = None
        # Only the database backend needs our worker; with RQ run `gamsa rqworker` separately.
        if not options["no_worker"] and settings.GAMSA_TASKS_BACKEND == "database":
            worker = subprocess.Popen([sys.executable, "-m", "gamsa.cli", "db_worker", "--queue-name", "*"])
        self.stdout.write(f"gamsa: http://{options['host']}:{options['port']}/ (끝내려면 Ctrl+C)")
        try:
            serve(
                application, host=options["host"], port=options["port"], threads=options["threads"], **proxy
            )
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=10)
