"""How open311 plugs into core: navigation (the key page), demo data, verb labels."""

from __future__ import annotations

from gamsa.core import demo, nav, seeds, verbs
from gamsa.open311 import permissions as perms

nav.register("office", "Open311 API 키", "open311:keys", perms.can_manage_keys, order=80)

verbs.register(
    {
        "open311_key.created": "Open311 API 키 발급",
        "open311_key.revoked": "Open311 API 키 폐기",
        "open311_attribute.created": "Open311 입력 항목 등록",
        "open311.request_received": "Open311 현장민원 접수",
        "open311.report_received": "Open311 지킴이 신고 접수",
    }
)


def _demo():
    # Attribute definitions only; keys are never created by the demo (use `gamsa open311 create-key`).
    from gamsa.open311.services import seed_attributes

    seed_attributes()


demo.DEMO_HOOKS.append(_demo)


# Shipped reference data comes back after a database flush (see gamsa/core/seeds.py).
seeds.register_reference_seed(
    "open311.ServiceAttribute",
    seeds.migration_function("gamsa.open311.migrations.0002_default_attributes", "default_attributes"),
)
