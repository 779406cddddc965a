"""Partner keys: issued once by command, stored hashed, listed and revoked (command and sysadmin page)."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gamsa.core.models import Event
from gamsa.open311 import services
from gamsa.open311.models import ApiKey, ServiceAttribute

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("open311", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_key_prints_it_once_and_stores_only_a_hash(db):
    raw, message = run("create-key", "--name", "협력기관 앱")
    assert raw.startswith("o311_") and len(raw) > 40
    assert "다시 볼 수 없으니" in message and raw not in message
    key = ApiKey.objects.get()
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert key.prefix == raw[:10] and key.user is None
    for value in ApiKey.objects.values().get().values():
        assert value != raw
    event = Event.objects.get(verb="open311_key.created")
    assert raw not in str(event.details) and event.details["name"] == "협력기관 앱"
    assert services.key_for(raw) == key

    listing, _ = run("list-keys")
    assert key.prefix in listing and "협력기관 앱" in listing and raw not in listing


def test_create_key_for_a_user_and_unknown_user(db):
    from gamsa.core.models import User

    User.objects.create_user(username="partner", password="x")
    raw, message = run("create-key", "--name", "파트너", "--user", "partner")
    assert ApiKey.objects.get().user.username == "partner"
    assert "현장민원" in message
    with pytest.raises(CommandError, match="사용자를 찾을 수 없습니다"):
        run("create-key", "--name", "x", "--user", "nobody")
    assert ApiKey.objects.count() == 1


def test_revoke_key_by_prefix_or_whole_key(db):
    raw, _ = run("create-key", "--name", "A")
    raw2, _ = run("create-key", "--name", "B")
    out, _ = run("revoke-key", raw[:10])
    assert "폐기했습니다" in out
    assert services.key_for(raw) is None and services.key_for(raw2) is not None
    run("revoke-key", raw2)
    assert services.key_for(raw2) is None
    assert Event.objects.filter(verb="open311_key.revoked").count() == 2
    with pytest.raises(CommandError):
        run("revoke-key", raw[:10])
    listing, _ = run("list-keys")
    assert listing.count("폐기") == 2


def test_seeding_attributes_is_idempotent(db):
    count = ServiceAttribute.objects.count()
    assert count == 6  # the data migration created them (2 + 2 + 1 + 1)
    assert services.seed_attributes() == 0
    ServiceAttribute.objects.filter(code="vehicle_number").delete()
    out, _ = run("seed-attributes")
    assert out == "입력 항목 1개를 등록했습니다."
    assert services.seed_attributes() == 0
    assert ServiceAttribute.objects.count() == count
    assert Event.objects.filter(verb="open311_attribute.created").count() == 1


def test_sysadmin_lists_and_revokes_keys_without_plaintext(login):
    key, raw = services.create_key(None, name="협력기관 앱")
    client = login("admin")
    response = client.get("/open311/keys/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "협력기관 앱" in page and key.prefix in page and raw not in page and key.key_hash not in page
    assert f"/open311/keys/{key.public_id}/revoke/" in page and f"/open311/keys/{key.pk}/revoke/" not in page
    old = client.post(f"/open311/keys/{key.pk}/revoke/")  # the old address by database id
    assert old.status_code == 308 and old["Location"] == f"/open311/keys/{key.public_id}/revoke/"
    key.refresh_from_db()
    assert key.revoked_at is None
    response = client.post(f"/open311/keys/{key.public_id}/revoke/")
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None


@pytest.mark.parametrize("username", ["patrol", "auditor", "citizen"])
def test_only_the_administrator_sees_or_revokes_keys(login, username):
    key, _ = services.create_key(None, name="협력기관 앱")
    client = login(username)
    assert client.get("/open311/keys/").status_code == 404
    assert client.post(f"/open311/keys/{key.pk}/revoke/").status_code == 404  # the old address: same check
    assert client.post(f"/open311/keys/{key.public_id}/revoke/").status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None
    assert not Event.objects.filter(verb="open311_key.revoked").exists()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/open311/keys/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_demo_twice_changes_nothing_here(demo):
    from gamsa.core.demo import load_demo

    before = (ServiceAttribute.objects.count(), ApiKey.objects.count())
    load_demo()
    assert (ServiceAttribute.objects.count(), ApiKey.objects.count()) == before
    assert ApiKey.objects.count() == 0  # the demo never creates keys
