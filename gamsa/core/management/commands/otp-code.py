"""`gamsa otp-code --user NAME [--hours N] [--by ADMIN]`: a one-time code to enrol the authenticator app."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gamsa.core.commandline import active_user


class Command(BaseCommand):
    help = "2단계 인증(인증 앱) 등록에 쓰는 일회용 등록 코드를 발급해 한 번만 보여 줍니다."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="코드를 받을 직원의 아이디")
        parser.add_argument("--hours", type=int, default=None, help="유효시간(시간, 기본 72)")
        parser.add_argument("--by", default="", help="발급자로 기록할 관리자 아이디 (없으면 '시스템')")

    def handle(self, *args, **options):
        from gamsa.core import services
        from gamsa.core.permissions import needs_two_factor

        user = active_user(options["user"])
        if not needs_two_factor(user):
            raise CommandError(f"{user.username} 계정은 2단계 인증 대상(직원 역할)이 아닙니다.")
        try:
            code, raw = services.issue_enrolment_code(
                active_user(options["by"]), user, hours=options["hours"]
            )
        except services.TokenProblem as exc:
            raise CommandError(str(exc)) from None
        until = timezone.localtime(code.expires_at)
        self.stderr.write(
            f"{user.username}의 등록 코드입니다. {until:%Y. %m. %d. %H:%M}까지 한 번만 쓸 수 있고 "
            "다시 볼 수 없으니 본인에게 직접 전하세요."
        )
        self.stdout.write(raw)
