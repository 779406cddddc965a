"""The sealed case file (casefile.py; ADR 0023 "Case files"): statements and evidence are ciphertext at rest (a raw
dump of the investigations and attachment tables and every file under MEDIA_ROOT hold neither the text, nor the
file's name or body); they open only with a key grant of someone the case's rule lets open it; a grant follows an
assignment (now with the assigner's key, later when a holder opens the case) and goes with an unassignment;
tampering is detected; a case whose key waits under the bootstrap is claimed by the first allowed opener."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gamsa.conftest import verified_login
from gamsa.core.models import Event
from gamsa.hotline import crypto
from gamsa.investigations import casefile
from gamsa.investigations import services as svc
from gamsa.investigations.models import Case, CaseKey, CaseKeyGrant, EvidenceFile
from gamsa.investigations.tests.helpers import (
    STATEMENT_TEXT,
    D,
    keyed,
    lead,
    other_investigator,
    planted_case,
    private,
    unlock,
    user,
)

NAME = "zqEVIDENCEname5521.pdf"
BODY = b"%PDF-1.4\n% zqEVIDENCEbody7734 " + b"x" * 150_000 + b"\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _dump(prefixes=("investigations_", "core_attachment", "core_event", "core_accesslog")) -> bytes:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith(prefixes):
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
                for row in cursor.fetchall():
                    for value in row:
                        if isinstance(value, memoryview | bytes | bytearray):
                            parts.append(bytes(value))
                        elif value is not None:
                            parts.append(str(value).encode())
    return b"\n".join(parts)


def _disk(root: Path) -> bytes:
    return b"".join(Path(d, n).read_bytes() for d, _, names in os.walk(root) for n in names)


def test_statements_and_evidence_are_ciphertext_at_rest(demo, media):
    case = planted_case()
    evidence = svc.add_evidence(user("investigator"), case, data=BODY, original_name=NAME)
    dump, disk = _dump(), _disk(Path(media))
    for needle in (STATEMENT_TEXT.encode(), b"zqEVIDENCEname5521", b"zqEVIDENCEbody7734"):
        assert needle not in dump and needle not in disk, needle
    assert not Path(media, "attachments").exists()  # nothing went through core's plaintext store
    case_private = casefile.case_private(case, user("investigator"), private(user("investigator")))
    statement = case.statements.get()
    assert casefile.open_statement(case, case_private, statement) == STATEMENT_TEXT
    name, content_type, chunks = casefile.evidence_body(case, case_private, evidence)
    assert (name, content_type, b"".join(chunks())) == (NAME, "application/pdf", BODY)
    # a statement moved to another case does not open there (its place is part of the ciphertext)
    other = planted_case(start=False)
    other_private = casefile.case_private(other, user("head"), private(user("head")))
    with pytest.raises(casefile.CaseFileError):
        casefile.open_statement(other, other_private, statement)


def test_tampered_or_truncated_evidence_does_not_open(demo, media):
    case = planted_case()
    evidence = svc.add_evidence(user("investigator"), case, data=BODY, original_name=NAME)
    case_private = casefile.case_private(case, user("head"), private(user("head")))
    path = Path(settings.MEDIA_ROOT) / evidence.path
    original = path.read_bytes()
    for damaged in (
        original[:-1],
        original[: 4 + 24 + 65536 + 17],
        original[:100] + b"\x01" + original[101:],
    ):
        path.write_bytes(damaged)
        _, _, chunks = casefile.evidence_body(case, case_private, evidence)
        with pytest.raises(crypto.DecryptionError):
            b"".join(chunks())


def test_no_grant_no_file_whatever_the_role(demo, media, client):
    case = planted_case()
    statement = case.statements.get()
    url = f"/investigations/{case.case_number}/statements/{statement.public_id}/"
    verified_login(client, user("head"))
    locked = client.get(url)  # allowed, but the key is not unlocked: no decryption
    assert locked.status_code == 403 and STATEMENT_TEXT not in locked.content.decode()
    unlock(client)
    assert STATEMENT_TEXT in client.get(url).content.decode()
    keyed(other_investigator())
    for person in (other_investigator(), user("admin"), user("auditor")):
        client.logout()
        verified_login(client, person)
        assert client.get(url).status_code == 404
        assert not CaseKeyGrant.objects.filter(case=case, user=person).exists()


def test_grant_follows_assignment_and_goes_with_unassignment(demo, media, client):
    case = planted_case()
    newcomer = other_investigator()
    svc.assign(lead(), case, [newcomer], D("2026-03-10"))  # no key of the assigner at hand, no key of theirs
    assert not CaseKeyGrant.objects.filter(case=case, user=newcomer).exists()
    keyed(newcomer)
    with pytest.raises(casefile.CaseFileError, match="아직 받지 못했습니다"):
        casefile.case_private(case, newcomer, private(newcomer))
    verified_login(client, lead())  # a holder opens the case with an unlocked key: the grant follows
    unlock(client)
    assert client.get(f"/investigations/{case.case_number}/").status_code == 200
    assert CaseKeyGrant.objects.filter(case=case, user=newcomer).exists()
    event = Event.objects.filter(verb="investigation.keys_granted").latest("id")
    assert event.details["added"] == [newcomer.username]
    case_private = casefile.case_private(case, newcomer, private(newcomer))
    assert casefile.open_statement(case, case_private, case.statements.get()) == STATEMENT_TEXT
    svc.unassign(lead(), case, newcomer, D("2026-03-12"))
    assert not CaseKeyGrant.objects.filter(case=case, user=newcomer).exists()
    assert Event.objects.get(verb="investigation.unassigned").details["key_grant_destroyed"] is True
    with pytest.raises(casefile.CaseFileError):
        casefile.case_private(case, newcomer, private(newcomer))


def test_a_case_key_under_the_bootstrap_is_claimed_by_the_first_allowed_opener(demo, media):
    case = planted_case(start=False)
    CaseKeyGrant.objects.filter(case=case).delete()
    CaseKey.objects.filter(case=case).delete()
    casefile.create_key(Case.objects.get(pk=case.pk), [])  # as the migration does when nobody has a key yet
    assert CaseKey.objects.get(case=case).bootstrap_box
    with pytest.raises(casefile.CaseFileError):  # an outsider with a key gets nothing from the bootstrap
        casefile.case_private(case, keyed(other_investigator()), private(other_investigator()))
    case_private = casefile.case_private(case, user("head"), private(user("head")))
    done = casefile.sync_grants(case, case_private, user("head"))
    assert done["bootstrap_retired"] and not CaseKey.objects.get(case=case).bootstrap_box
    assert set(CaseKeyGrant.objects.filter(case=case).values_list("user__username", flat=True)) == {
        "head",
        lead().username,
        "investigator",
    }
    assert EvidenceFile.objects.count() == 0


def test_a_person_who_starts_over_with_a_new_key_gets_the_grant_sealed_again(demo, media):
    from gamsa.hotline import keys

    case = planted_case()
    keys.start_over(user("investigator"), "a brand new passphrase")
    fresh = keys.open_private(user("investigator"), "a brand new passphrase")
    with pytest.raises(casefile.CaseFileError, match="아직 받지 못했습니다"):
        casefile.case_private(case, user("investigator"), fresh)
    head_case_private = casefile.case_private(case, user("head"), private(user("head")))
    assert casefile.sync_grants(case, head_case_private, user("head"))["added"] == ["investigator"]
    case_private = casefile.case_private(case, user("investigator"), fresh)
    assert casefile.open_statement(case, case_private, case.statements.get()) == STATEMENT_TEXT
