"""Demo 청렴톡: members and keys for the demo accounts, the escrow, and one report to open.

- head (감사담당관): intake, handler and custodian; escrow holder 1.
- investigator (조사관): handler. leader (팀장): handler; escrow holder 2 (standing in for the information
  security officer, who has no demo account).
Every demo hotline passphrase is DEMO_PASSPHRASE. The demo report's receipt is DEMO_RECEIPT (docs/hotline-guide.md).
"""

from __future__ import annotations

from django.db import transaction

from gamsa.core.models import User
from gamsa.hotline import keys, services
from gamsa.hotline.models import EscrowKey, Keyring, Member, Report

DEMO_PASSPHRASE = "gamsa-hotline-2026!"
DEMO_RECEIPT = "푸른고래 작은사과 밝은나무 맑은바다 고운하늘 깊은구름 넓은별"
MEMBERS = {
    "head": {"is_intake": True, "is_handler": True, "is_custodian": True},
    "investigator": {"is_intake": False, "is_handler": True, "is_custodian": False},
    "leader": {"is_intake": False, "is_handler": True, "is_custodian": False},
}


@transaction.atomic
def set_up_members() -> dict[str, User]:
    """Members, keys and the escrow for the demo accounts (idempotent); {} without the demo accounts."""
    users = {u.username: u for u in User.objects.filter(username__in=list(MEMBERS))}
    if len(users) != len(MEMBERS):
        return {}
    admin = User.objects.filter(username="admin").first()
    for username, flags in MEMBERS.items():
        Member.objects.get_or_create(user=users[username], defaults={**flags, "designated_by": admin})
    for username in MEMBERS:
        if not Keyring.objects.filter(user=users[username]).exists():
            keys.set_up_key(users[username], DEMO_PASSPHRASE)
    if not EscrowKey.objects.filter(active=True).exists():
        keys.create_escrow(users["head"], users["head"], users["leader"])
        for username in MEMBERS:
            keys.escrow_own_key(users[username], keys.open_private(users[username], DEMO_PASSPHRASE))
    return users


@transaction.atomic
def load_demo_hotline() -> None:
    users = set_up_members()
    if not users or Report.objects.exists():
        return
    report, _ = services.submit(
        category_code="abuse",
        answers={
            "what": "지난달부터 팀장이 주말마다 개인 이사와 집안일을 도우라고 지시합니다. 거절하면 근무평정을 언급합니다.",
            "who": "○○과 ○○팀장",
            "repeat": "네 차례 이상, 지금도 계속됩니다.",
        },
        identity=None,
        receipt=DEMO_RECEIPT,
    )
    head_private = keys.open_private(users["head"], DEMO_PASSPHRASE)
    services.assign(users["head"], head_private, report, users["investigator"])
    inv_private = keys.open_private(users["investigator"], DEMO_PASSPHRASE)
    services.acknowledge(
        users["investigator"],
        inv_private,
        report,
        "신고를 접수했습니다. 조사팀에서 사실을 확인하고 3개월 안에 결과를 알려 드리겠습니다.",
    )
