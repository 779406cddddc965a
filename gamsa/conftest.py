"""Shared fixtures: the demo district, users by role, and clients logged in with 2FA passed."""

from __future__ import annotations

import os

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core.demo import load_demo
from gamsa.core.models import User


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: remembered counts and pages never leak from one test to another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    from gamsa.hotline import crypto as hotline_crypto

    if "real_hasher" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The hotline's Argon2id (receipts, passphrases) likewise; its shipped parameters are pinned in its tests.
    hotline_crypto.use_test_kdf("real_hasher" not in request.keywords)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """`make test` runs the browser tests in a step of their own, one at a time, on a SQLite file
    (GAMSA_TEST_DB_FILE) rather than in memory: the live server's threads and the test then share one real database
    with its normal locking, as in production, instead of a shared-cache memory database."""
    from django.conf import settings

    path = os.environ.get("GAMSA_TEST_DB_FILE")
    database = settings.DATABASES["default"]
    if path and database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = path


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each test database starts with the demo organisation committed once, so a test's `demo` finds it in place
    instead of building it again (the per-test transaction rolls back only what the test wrote). A transactional
    test flushes the tables at its end; pytest-django runs those after the others, and `demo` rebuilds what they
    removed."""
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        load_demo()


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


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo district loaded once per test module, in a transaction rolled back at the module's end.

    A module opts in by overriding `demo` with it; each test still runs in its own nested transaction.
    """
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def isolated_settings(settings, tmp_path):
    """Uploads in a temporary folder, 2FA enforced, plain static storage, tasks run at once."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GAMSA_OTP_REQUIRED = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "imports", "reports"],
        }
    }
    return settings


def log_in_with_totp(page, username: str) -> None:
    """Browser login of a demo staff user; types the one-time enrolment code an administrator issued, then enrols
    the authenticator with the secret the page shows."""
    import re

    import pyotp

    from gamsa.core.demo import DEMO_PASSWORD
    from gamsa.core.services import issue_enrolment_code

    _, code = issue_enrolment_code(None, User.objects.get(username=username))
    page.goto(page.base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/login/otp/"))
    page.fill("#id_enrolment_code", code)
    page.click("main form button[type=submit].primary")
    page.wait_for_selector("[data-testid=otp-secret]")
    secret = page.inner_text("[data-testid=otp-secret]").strip()
    page.fill("#id_token", pyotp.TOTP(secret).now())
    page.click("main form button[type=submit].primary")


def staff_login(page, username: str) -> None:
    """Sign in as a staff account in the browser with 2FA: enrol the authenticator on its first login, then type
    the code of the enrolled one. Ends on the home page."""
    import base64
    import re

    import pyotp
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    from gamsa.core.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None:
        log_in_with_totp(page, username)
    else:
        # the same code twice in one 30-second step is refused as a replay: forget the last step used
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        page.goto(page.base + "/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r"/login/otp/"))
        page.fill("#id_token", pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now())
        page.click("main form button[type=submit].primary")
    expect(page).to_have_url(page.base + "/")


@pytest.fixture
def login(client, demo):
    """login("auditor") → a Django test client signed in as that demo account, 2FA passed."""

    def _login(username: str):
        return verified_login(client, User.objects.get(username=username))

    return _login


# --- real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server ------------------
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A Korean-locale page on the live server with the demo organisation loaded; CSP errors are collected."""
    load_demo()
    context = browser.new_context(
        locale="ko-KR", timezone_id="Asia/Seoul", viewport={"width": 1280, "height": 900}
    )
    # `make test` runs the browser tests one at a time in a step of their own; Playwright's own waits suffice.
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    page.base = live_server.url
    yield page
    context.close()
