"""How costing plugs into core: navigation, attachment access, demo data, verb labels."""

from gamsa.core import demo, nav, seeds, verbs
from gamsa.core import permissions as core_perms
from gamsa.costing import permissions as perms

nav.register("audit", "제비율 심사", "costing:list", perms.can_review, order=60)
nav.register("audit", "제비율 요율표", "costing:rates", perms.can_view_rates, order=61)

verbs.register(
    {
        "cost_review.created": "제비율 심사",
        "rate_version.created": "제비율 요율 등록",
        "rate_version.activated": "제비율 요율 사용",
        "rate_version.deactivated": "제비율 요율 사용 중지",
    }
)


def _attachment_rule(user, attachment):
    return perms.can_review(user)


core_perms.register_attachment_rule("costing.costreview", _attachment_rule)


def _demo():
    from gamsa.costing.demo import load_demo_reviews

    load_demo_reviews()


demo.DEMO_HOOKS.append(_demo)


# Shipped reference data comes back after a database flush (see gamsa/core/seeds.py).
seeds.register_reference_seed(
    "costing.RateVersion", seeds.migration_function("gamsa.costing.migrations.0002_shipped_rates", "load")
)
