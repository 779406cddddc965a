"""Serve gamsa: the waitress WSGI server plus the background worker (`gamsa worker`), supervised.

* The worker runs in its own session (Ctrl+C in the terminal reaches `serve` only, which then stops it in order),
  is restarted with backoff (1 s to 30 s) whenever it exits, and stops by itself if `serve` is killed.
* SIGTERM and SIGINT stop gracefully: the listening socket closes (no new connections), requests in flight finish
  (for at most GAMSA_SHUTDOWN_GRACE_SECONDS), idle keep-alive connections close, the worker finishes its task or
  hands it back to the queue (core.worker), and the command exits 0. A second signal is only logged.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from django.core.management.base import BaseCommand

RESTART_MAX_BACKOFF = 30.0


class WorkerSupervisor:
    """Keeps one `gamsa worker` child running until told to stop."""

    def __init__(self, write):
        self.write = write
        self.proc: subprocess.Popen | None = None
        self.stopping = False
        self.restarts = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name="gamsa-worker-supervisor", daemon=True)

    def _spawn(self) -> None:
        env = {**os.environ, "GAMSA_WORKER_PARENT_PID": str(os.getpid())}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gamsa.cli", "worker", "--queue-name", "*"],
            env=env,
            start_new_session=True,
        )
        self.spawned_at = time.monotonic()

    def start(self) -> None:
        with self._lock:
            self._spawn()
        self._thread.start()

    def _watch(self) -> None:
        backoff = 1.0
        while not self.stopping:
            code = self.proc.poll()
            if code is None:
                time.sleep(0.5)
                continue
            if self.stopping:
                break
            if time.monotonic() - self.spawned_at > 60:
                backoff = 1.0
            self.write(
                f"gamsa: 작업 처리기가 끝났습니다(종료 코드 {code}). {backoff:.0f}초 뒤 다시 시작합니다."
            )
            end = time.monotonic() + backoff
            while not self.stopping and time.monotonic() < end:
                time.sleep(0.1)
            backoff = min(RESTART_MAX_BACKOFF, backoff * 2)
            with self._lock:
                if not self.stopping:
                    self._spawn()
                    self.restarts += 1

    def stop(self) -> None:
        with self._lock:
            self.stopping = True
            if self.proc is not None and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> int | None:
        if self.proc is None:
            return None
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.write(
                "gamsa: 작업 처리기가 제때 끝나지 않아 강제로 끝냅니다(작업은 복구 규칙에 따라 다시 대기열에 들어갑니다)."
            )
            self.proc.kill()
            return self.proc.wait()


class Command(BaseCommand):
    help = "웹 서버(waitress)와 백그라운드 작업 처리기(gamsa worker)를 함께 실행합니다."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="작업 처리기를 띄우지 않습니다.")

    def handle(self, *args, **options):
        from django.conf import settings
        from waitress.server import create_server

        from gamsa.wsgi import application

        proxy = {}
        if settings.GAMSA_BEHIND_PROXY:
            # waitress drops X-Forwarded-* unless the proxy is trusted; then REMOTE_ADDR and the scheme are real.
            proxy = {
                "trusted_proxy": settings.GAMSA_TRUSTED_PROXY,
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
                "clear_untrusted_proxy_headers": True,
            }
        server = create_server(
            application, host=options["host"], port=options["port"], threads=options["threads"], **proxy
        )
        stop = threading.Event()

        def on_signal(signum, frame):
            if stop.is_set():
                self.stdout.write(f"gamsa: {signal.strsignal(signum)} — 이미 끝내는 중입니다.", ending="\n")
                return
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)

        supervisor = None
        # Only the database backend needs our worker; with RQ run `gamsa rqworker` separately.
        if not options["no_worker"] and settings.GAMSA_TASKS_BACKEND == "database":
            supervisor = WorkerSupervisor(lambda text: self.stdout.write(text))
            supervisor.start()
        self.stdout.write(f"gamsa: http://{options['host']}:{options['port']}/ (끝내려면 Ctrl+C)")
        self.stdout.flush()
        socket_map = getattr(server, "map", None) or server._map
        loop_args = {"map": socket_map, "use_poll": server.adj.asyncore_use_poll, "count": 1}
        from waitress import wasyncore

        while not stop.is_set():
            wasyncore.loop(timeout=min(server.adj.asyncore_loop_timeout, 0.5), **loop_args)

        self.stdout.write("gamsa: 끝내는 중입니다. 새 연결은 받지 않고, 처리 중인 요청과 작업을 마칩니다.")
        self.stdout.flush()
        if supervisor is not None:
            supervisor.stop()
        unfinished = drain(socket_map, settings.GAMSA_SHUTDOWN_GRACE_SECONDS, loop_args)
        server.task_dispatcher.shutdown(timeout=5)
        if unfinished:
            self.stdout.write(f"gamsa: 제한 시간 안에 끝나지 않은 요청 {unfinished}개를 닫았습니다.")
        if supervisor is not None:
            supervisor.wait(timeout=settings.GAMSA_SHUTDOWN_GRACE_SECONDS + 15)
        self.stdout.write("gamsa: 끝났습니다.")


def drain(socket_map: dict, grace: float, loop_args: dict) -> int:
    """Stop listening, serve the requests in flight to the end, close idle connections. Returns the unfinished."""
    from waitress import wasyncore
    from waitress.channel import HTTPChannel
    from waitress.server import BaseWSGIServer

    for item in list(socket_map.values()):
        if isinstance(item, BaseWSGIServer):
            item.accepting = False
            wasyncore.dispatcher.close(item)  # the listening socket only (its trigger stays for the loop)
    deadline = time.monotonic() + grace
    while True:
        channels = [c for c in list(socket_map.values()) if isinstance(c, HTTPChannel)]
        busy = [c for c in channels if c.requests or c.total_outbufs_len or c.request is not None]
        for channel in channels:
            if channel not in busy:
                channel.handle_close()
        if not busy or time.monotonic() >= deadline:
            for channel in busy:
                channel.handle_close()
            return len(busy)
        wasyncore.loop(timeout=0.1, **loop_args)
