"""Shared fixtures: the demo district, users by role, and clients logged in with 2FA passed."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core.demo import load_demo
from gamsa.core.models import User


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    if "real_hasher" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The demo district: 72 units, the audit office's 23 staff and one account per role."""
    return load_demo()


def verified_login(client, user: User):
    """Log `client` in as `user` with the TOTP step passed, as the real login does."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login(client, demo):
    """login("auditor") → a Django test client signed in as that demo account, 2FA passed."""

    def _login(username: str):
        return verified_login(client, User.objects.get(username=username))

    return _login
