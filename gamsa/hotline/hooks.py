"""How the hotline plugs into core: navigation, demo data, reference data after a flush."""

from gamsa.core import demo, nav, seeds
from gamsa.hotline import permissions as perms
from gamsa.hotline import seeds as hotline_seeds

nav.register("investigation", "청렴톡 신고함", "hotline_office:list", perms.can_use_office, order=10)
nav.register("investigation", "청렴톡 열쇠", "hotline_office:key", perms.can_use_office, order=20)
nav.register("investigation", "신원 열람 승인", "hotline_office:identity_queue", perms.is_custodian, order=30)
nav.register("investigation", "청렴톡 통계", "hotline_office:stats", perms.can_view_stats, order=40)


def _demo():
    from gamsa.hotline.demo import load_demo_hotline

    load_demo_hotline()


demo.DEMO_HOOKS.append(_demo)

# The categories, questions, retention rule and the hotline's clock kinds come back after a flush.
seeds.register_reference_seed("hotline.Category", hotline_seeds.seed_all)
