"""How the hotline plugs into core: navigation, demo data, reference data after a flush."""

from gamsa.core import demo, nav, seeds, verbs
from gamsa.hotline import permissions as perms
from gamsa.hotline import seeds as hotline_seeds

nav.register("investigation", "청렴톡 신고함", "hotline_office:list", perms.can_use_office, order=10)
nav.register(
    "investigation", "열쇠(청렴톡·조사 기록)", "hotline_office:key", perms.can_use_key_page, order=20
)
nav.register("investigation", "신원 열람 승인", "hotline_office:identity_queue", perms.is_custodian, order=30)
nav.register(
    "investigation", "열쇠 복구(분할 보관)", "hotline_office:recovery", perms.can_use_recovery_page, order=35
)
nav.register("investigation", "청렴톡 통계", "hotline_office:stats", perms.can_view_stats, order=40)

verbs.register(
    {
        "hotline.received": "청렴톡 신고 접수",
        "hotline.assigned": "청렴톡 배정(열쇠 전달)",
        "hotline.acknowledged": "청렴톡 접수 확인",
        "hotline.message_sent": "청렴톡 메시지",
        "hotline.note_added": "청렴톡 내부 메모",
        "hotline.feedback_extended": "청렴톡 결과 안내 기한 연장",
        "hotline.recused": "청렴톡 회피(신고 열쇠 교체)",
        "hotline.grant_revoked": "청렴톡 열쇠 회수(신고 열쇠 교체)",
        "hotline.converted": "청렴톡 신고를 조사 사건으로 전환",
        "hotline.closed": "청렴톡 종결",
        "hotline.key_created": "열쇠 만들기",
        "hotline.key_recovered": "열쇠 복구",
        "hotline.key_abandoned": "열쇠 버리고 새로 만들기",
        "hotline.escrow_created": "분할 보관 열쇠 만들기",
        "hotline.recovery_requested": "열쇠 복구 요청",
        "hotline.recovery_approved": "열쇠 복구 승인(보관자)",
        "hotline.recovery_cancelled": "열쇠 복구 요청 취소",
    }
)


def _demo():
    from gamsa.hotline.demo import load_demo_hotline

    load_demo_hotline()


demo.DEMO_HOOKS.append(_demo)

# The categories, questions, retention rule and the hotline's clock kinds come back after a flush.
seeds.register_reference_seed("hotline.Category", hotline_seeds.seed_all)
