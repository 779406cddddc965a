"""Hotline fixtures: the demo's members with keys (head: intake + custodian; investigator, leader: handlers)."""

from __future__ import annotations

import pytest

from gamsa.core.models import User
from gamsa.hotline import keys, services
from gamsa.hotline.demo import DEMO_PASSPHRASE, set_up_members

ANSWERS = {"what": "지난달부터 사적 심부름을 시킵니다.", "who": "○○팀장"}


@pytest.fixture
def members(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return set_up_members()


def user(username: str) -> User:
    return User.objects.get(username=username)


def private(username: str) -> bytes:
    return keys.open_private(user(username), DEMO_PASSPHRASE)


def new_report(**extra):
    data = {"category_code": "abuse", "answers": ANSWERS} | extra
    return services.submit(**data)


def unlock(client):
    response = client.post("/hotline-office/key/", {"action": "unlock", "passphrase": DEMO_PASSPHRASE})
    assert response.status_code == 302, response.content.decode()[:400]
