from django.core.management.base import BaseCommand

from gamsa.core.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "데모 데이터(영등포구 형태의 조직, 감사담당관 23명, 역할별 데모 계정)를 넣습니다. 여러 번 실행해도 같습니다."

    def handle(self, *args, **options):
        result = load_demo(records=True)
        self.stdout.write(
            f"데모 데이터 준비 완료: 조직 {result['units']:,}개, 새로 만든 사용자 {result['created_people']:,}명"
        )
        self.stdout.write("")
        self.stdout.write(f"데모 계정 (모두 같은 비밀번호: {DEMO_PASSWORD})")
        for username, label, _role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<14} {label}")
        self.stdout.write("")
        self.stdout.write(
            "직원 계정에 인증 앱을 등록하려면 일회용 등록 코드가 필요합니다: "
            'GAMSA_SECRET_KEY="$(cat var/secret_key)" .venv/bin/gamsa otp-code --user 아이디'
        )
