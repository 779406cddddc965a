"""How notices plug into core: navigation, event labels, the reference seed and the demo."""

from gamsa.core import demo, nav, seeds, verbs
from gamsa.core.notices import permissions as perms

nav.register("complaints", "통지문 서식", "notices:templates", perms.can_view_templates, order=90)

verbs.register(
    {
        "notice.queued": "통지 발송 요청",
        "notice.sent": "통지 발송",
        "notice.retry_scheduled": "통지 재시도 예약",
        "notice.failed": "통지 발송 실패",
        "notice.released": "통지 발송 재개",
        "notice.resend": "통지 다시 보내기",
        "notice.channel_chosen": "통지 수단 선택",
        "notice.preference_changed": "알림 수단 변경",
        "notice_template.created": "통지문 서식 등록",
    }
)


def _seed(apps, _schema_editor):
    from gamsa.core.notices.seeds import seed_templates

    seed_templates(apps)


seeds.register_reference_seed("notices.NoticeTemplate", _seed)


def _demo():
    from gamsa.core.notices.demo import load_demo_notices

    load_demo_notices()


demo.DEMO_HOOKS.append(_demo)
