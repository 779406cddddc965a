"""`gamsa open311 create-key|list-keys|revoke-key|seed-attributes`: partners' keys from the command line."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gamsa.core.commandline import active_user


class Command(BaseCommand):
    help = (
        "Open311 API 키 발급(create-key)·목록(list-keys)·폐기(revoke-key), 입력 항목 기본값(seed-attributes)"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{create-key,list-keys,revoke-key,...}"
        )
        create = sub.add_parser("create-key", help="새 키를 발급하고 한 번만 보여 줍니다")
        create.add_argument("--name", required=True, help="키 이름 (예: 협력기관명)")
        create.add_argument(
            "--user", default="", help="연결할 사용자 아이디 (내 지역 지킴이면 적출사항으로 접수됩니다)"
        )
        create.add_argument("--by", default="", help="발급자로 기록할 사용자 아이디 (없으면 '시스템')")
        sub.add_parser("list-keys", help="발급한 키 목록 (앞자리만)")
        revoke = sub.add_parser("revoke-key", help="키를 폐기합니다")
        revoke.add_argument("prefix", help="키의 앞자리 (list-keys에 보이는 값) 또는 키 전체")
        revoke.add_argument("--by", default="", help="폐기자로 기록할 사용자 아이디")
        sub.add_parser("seed-attributes", help="기본 입력 항목(차량번호, 전주번호 등)을 없는 것만 등록합니다")

    def handle(self, *args, **options):
        return getattr(self, "do_" + options["action"].replace("-", "_"))(options)

    def do_create_key(self, options):
        from gamsa.open311 import services
        from gamsa.open311.permissions import is_guardian

        user = active_user(options["user"])
        try:
            key, raw = services.create_key(active_user(options["by"]), name=options["name"], user=user)
        except services.KeyProblem as exc:
            raise CommandError(str(exc)) from None
        kind = "지킴이 신고(적출사항)" if is_guardian(user) else "현장민원"
        self.stderr.write(
            f"'{key.name}' 키를 발급했습니다 ({kind}로 접수). 이 키는 다시 볼 수 없으니 지금 보관하세요."
        )
        self.stdout.write(raw)

    def do_list_keys(self, options):
        from django.utils import timezone

        from gamsa.open311.models import ApiKey

        keys = ApiKey.objects.select_related("user").order_by("created_at")
        if not keys:
            self.stdout.write("발급한 키가 없습니다.")
            return
        for key in keys:
            state = f"폐기 {timezone.localtime(key.revoked_at):%Y-%m-%d}" if key.revoked_at else "사용 중"
            used = f"{timezone.localtime(key.last_used_at):%Y-%m-%d %H:%M}" if key.last_used_at else "-"
            self.stdout.write(
                f"{key.prefix}…\t{key.name}\t{key.user.username if key.user else '-'}\t"
                f"발급 {timezone.localtime(key.created_at):%Y-%m-%d}\t최근 사용 {used}\t{state}"
            )

    def do_revoke_key(self, options):
        from gamsa.open311 import services
        from gamsa.open311.models import ApiKey

        given = options["prefix"].strip().rstrip("…")
        matches = list(ApiKey.objects.filter(key_hash=services.hash_key(given)))
        if not matches:
            matches = list(ApiKey.objects.filter(prefix=given[:10], revoked_at__isnull=True))
        if not matches:
            raise CommandError(f"해당하는 사용 중인 키가 없습니다: {given}")
        if len(matches) > 1:
            raise CommandError("앞자리가 같은 키가 여럿입니다. 키 전체를 주세요.")
        try:
            key = services.revoke_key(active_user(options["by"]), matches[0])
        except services.KeyProblem as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"'{key.name}' 키({key.prefix}…)를 폐기했습니다.")

    def do_seed_attributes(self, options):
        from gamsa.open311.services import seed_attributes

        self.stdout.write(f"입력 항목 {seed_attributes()}개를 등록했습니다.")
