"""complaints 0006 moves every 공익신고 identity into the vault and drops the plaintext table, losing nothing:
run on the demo's people and organisation with reports and identities as intake writes them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gamsa.core.calendar import SEOUL
from gamsa.core.demo import load_demo
from gamsa.hotline import keys, vault
from gamsa.hotline.demo import DEMO_PASSPHRASE, set_up_members
from gamsa.hotline.models import IdentityEnvelope

PEOPLE = [
    ("차은비", "010-7391-2846", "eunbi.cha@example.kr", "서울 영등포구 선유로 77"),
    ("박도윤", "02-2670-3114", "", "서울 영등포구 당산로 123"),
    ("이서연", "", "seoyeon.lee@example.kr", ""),
]


@pytest.mark.django_db(transaction=True)
def test_identities_move_into_the_vault_and_the_plaintext_table_is_gone():
    load_demo()
    users = set_up_members()
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(
        [("complaints", "0005_grievance_places_matter_joint"), ("hotline", "0002_seed")]
    )
    old_apps = state.apps
    SealedIdentity = old_apps.get_model("complaints", "SealedIdentity")
    Report = old_apps.get_model("complaints", "PublicInterestReport")
    with connection.schema_editor() as editor:
        editor.create_model(SealedIdentity)
    ids = []
    for i, (name, phone, email, address) in enumerate(PEOPLE):
        report = Report.objects.create(
            public_id=uuid.uuid4(),
            case_number=f"PI-2026-00010{i}",
            pseudonym=f"신고자-TEST{i}",
            subject="건축 안전",
            summary="현장 안전 문제",
            received_at=dt.datetime(2026, 3, 2 + i, 10, tzinfo=SEOUL),
            due_at=dt.datetime(2026, 5, 4, 18, tzinfo=SEOUL),
        )
        SealedIdentity.objects.create(report=report, name=name, phone=phone, email=email, address=address)
        ids.append(str(report.public_id))

    migration = executor.loader.get_migration("complaints", "0006_seal_identities_in_vault")
    with connection.schema_editor(atomic=migration.atomic) as editor:
        migration.apply(state, editor)

    assert "complaints_sealedidentity" not in connection.introspection.table_names()
    head_private = keys.open_private(users["head"], DEMO_PASSPHRASE)
    for subject_id, (name, phone, email, address) in zip(ids, PEOPLE, strict=True):
        envelope = IdentityEnvelope.objects.get(
            subject_type="complaints.publicinterestreport", subject_id=subject_id
        )
        for value in (name, phone, email, address):
            if value:
                assert value.encode() not in bytes(envelope.box)
        opened = vault.open_identity(users["head"], head_private, envelope)
        assert opened == {"name": name, "phone": phone, "email": email, "address": address}
        with pytest.raises(vault.VaultError):  # a handler without an approval cannot
            vault.open_identity(
                users["investigator"], keys.open_private(users["investigator"], DEMO_PASSPHRASE), envelope
            )
    # The keyed tags still refuse the name in later free texts (services.reports._refuse_identity).
    envelope = IdentityEnvelope.objects.get(subject_id=ids[0])
    assert vault.text_reveals(envelope.tags, "신고자 차 은비 씨에게 연락") and not vault.text_reveals(
        envelope.tags, "무관한 글"
    )
