"""investigations 0005 and 0006 seal the existing case files and drop the plaintext, losing nothing: run on the
demo's cases with their statements in the old plaintext column and evidence stored the old way (core attachments,
plaintext on disk). Afterwards every statement and evidence file decrypts for the people who may open its case,
the `text` column, the old attachment rows and the old files are gone, and no plaintext is left in the tables."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from gamsa.core.demo import load_demo
from gamsa.core.models import Attachment, User
from gamsa.core.services import store_attachment
from gamsa.hotline.demo import set_up_members
from gamsa.investigations import casefile
from gamsa.investigations import demo as inv_demo
from gamsa.investigations.models import Case, CaseKey, CaseKeyGrant, EvidenceFile, Statement
from gamsa.investigations.tests.helpers import png, private

BEFORE = ("investigations", "0004_case_file_vault")
SEAL = ("investigations", "0005_seal_case_files")
DROP = ("investigations", "0006_drop_statement_text")


def _columns() -> set[str]:
    with connection.cursor() as cursor:
        return {
            c.name for c in connection.introspection.get_table_description(cursor, "investigations_statement")
        }


def _text_field():
    field = models.TextField(default="")
    field.set_attributes_from_name("text")
    return field


@pytest.mark.django_db(transaction=True)
def test_existing_statements_and_evidence_are_sealed_and_the_plaintext_is_gone(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    set_up_members()
    inv_demo.load()
    executor = MigrationExecutor(connection)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldStatement = old_apps.get_model("investigations", "Statement")
    try:
        # The database as it was before: the plaintext column back and filled, no case keys, evidence in core.
        with connection.schema_editor() as editor:
            editor.add_field(OldStatement, _text_field())
        texts = {}
        for i, statement in enumerate(Statement.objects.order_by("pk")):
            texts[statement.pk] = f"대상자는 사실관계를 대체로 인정하였음. (예시 진술 {i}) zqMIGRATED{i:03d}"
        for pk, text in texts.items():
            OldStatement.objects.filter(pk=pk).update(text=text, text_box=None)
        CaseKeyGrant.objects.all().delete()
        CaseKey.objects.all().delete()
        evidence = {}
        for case in Case.objects.filter(statements__isnull=False).distinct().order_by("pk")[:3]:
            body = png()
            attachment = store_attachment(
                User.objects.get(username="investigator"),
                data=body,
                original_name=f"증거-{case.case_number}.png",
                owner=case,
            )
            plain = Path(attachment.file.path)
            evidence[case.pk] = (attachment.original_name, plain.read_bytes(), plain)
        assert len(texts) >= 10 and len(evidence) == 3

        for node, before in ((SEAL, BEFORE), (DROP, SEAL)):
            state = executor.loader.project_state(before)
            migration = executor.loader.get_migration(*node)
            with connection.schema_editor(atomic=migration.atomic) as editor:
                migration.apply(state, editor)
    finally:
        if "text" in _columns():
            with connection.schema_editor() as editor:
                editor.remove_field(OldStatement, _text_field())

    assert "text" not in _columns() and "text_box" in _columns()
    head = User.objects.get(username="head")
    head_private = private(head)
    for statement in Statement.objects.select_related("case"):
        case = statement.case
        opened = casefile.open_statement(case, casefile.case_private(case, head, head_private), statement)
        assert opened == texts[statement.pk]
        for assignment in case.assignments.filter(
            ended_on__isnull=True, investigator__username="investigator"
        ):
            investigator_private = private(assignment.investigator)
            mine = casefile.case_private(case, assignment.investigator, investigator_private)
            assert casefile.open_statement(case, mine, statement) == texts[statement.pk]
    assert not Attachment.objects.filter(owner_type="investigations.case").exists()
    for case_pk, (name, body, old_path) in evidence.items():
        case = Case.objects.get(pk=case_pk)
        row = EvidenceFile.objects.get(case=case)
        got_name, _, chunks = casefile.evidence_body(
            case, casefile.case_private(case, head, head_private), row
        )
        assert (
            got_name == name and hashlib.sha256(b"".join(chunks())).digest() == hashlib.sha256(body).digest()
        )
        assert not old_path.exists()
    with connection.cursor() as cursor:
        for table in ("investigations_statement", "investigations_evidencefile", "core_attachment"):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            dump = repr(cursor.fetchall())
            assert "zqMIGRATED" not in dump and "증거-IV" not in dump, table
