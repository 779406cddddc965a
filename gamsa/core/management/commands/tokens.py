"""`gamsa tokens create|list|revoke`: personal API tokens for operators and scripts (the account page's kind)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gamsa.core.commandline import active_user


class Command(BaseCommand):
    help = "개인 API 토큰 발급(create)·목록(list)·폐기(revoke). 토큰은 발급할 때 한 번만 보여 줍니다."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{create,list,revoke}")
        create = sub.add_parser("create", help="새 토큰을 발급하고 한 번만 보여 줍니다")
        create.add_argument("--user", required=True, help="토큰 주인(직원)의 아이디")
        create.add_argument("--name", required=True, help="토큰 이름 (예: 야간 집계 스크립트)")
        create.add_argument("--days", type=int, default=None, help="유효기간(일, 1–365, 기본 30)")
        listing = sub.add_parser("list", help="토큰 목록 (앞자리, 만료, 최근 사용)")
        listing.add_argument("--user", default="", help="이 사용자의 토큰만")
        revoke = sub.add_parser("revoke", help="토큰을 폐기합니다")
        revoke.add_argument("prefix", help="토큰의 앞자리 (list에 보이는 값) 또는 토큰 전체")

    def handle(self, *args, **options):
        return getattr(self, "do_" + options["action"])(options)

    def do_create(self, options):
        from gamsa.core import services
        from gamsa.core.permissions import can_issue_api_token

        user = active_user(options["user"])
        if not can_issue_api_token(user):
            raise CommandError(f"{user.username} 계정은 API 토큰을 쓸 수 없습니다 (직원 역할만).")
        try:
            token, raw = services.issue_api_token(
                None, user=user, name=options["name"], days=options["days"], via="command"
            )
        except services.TokenProblem as exc:
            raise CommandError(str(exc)) from None
        until = timezone.localtime(token.expires_at)
        self.stderr.write(
            f"{user.username}의 '{token.name}' 토큰을 발급했습니다 ({until:%Y. %m. %d.}까지). "
            "이 토큰은 다시 볼 수 없으니 지금 보관하세요."
        )
        self.stdout.write(raw)

    def do_list(self, options):
        from gamsa.core.models import ApiToken

        tokens = ApiToken.objects.select_related("user").order_by("created_at")
        if options["user"]:
            tokens = tokens.filter(user=active_user(options["user"]))
        now = timezone.now()
        if not tokens:
            self.stdout.write("발급한 토큰이 없습니다.")
            return
        for t in tokens:
            if t.revoked_at:
                state = "폐기됨"
            elif t.expires_at is None or t.expires_at <= now:
                state = "만료됨"
            else:
                state = "사용 중"
            used = f"{timezone.localtime(t.last_used_at):%Y-%m-%d %H:%M}" if t.last_used_at else "-"
            expires = f"{timezone.localtime(t.expires_at):%Y-%m-%d}" if t.expires_at else "-"
            self.stdout.write(
                f"{t.prefix}…\t{t.name}\t{t.user.username}\t만료 {expires}\t최근 사용 {used}\t{state}"
            )

    def do_revoke(self, options):
        from gamsa.core import services
        from gamsa.core.models import ApiToken

        given = options["prefix"].strip().rstrip("…")
        matches = list(ApiToken.objects.filter(key_hash=services.hash_token(given), revoked_at__isnull=True))
        if not matches:
            matches = list(ApiToken.objects.filter(prefix=given[:10], revoked_at__isnull=True))
        if not matches:
            raise CommandError(f"해당하는 사용 중인 토큰이 없습니다: {given}")
        if len(matches) > 1:
            raise CommandError("앞자리가 같은 토큰이 여럿입니다. 토큰 전체를 주세요.")
        services.revoke_api_token(None, matches[0])
        self.stdout.write(f"'{matches[0].name}' 토큰을 폐기했습니다.")
