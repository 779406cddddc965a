"""2FA enrolment needs a one-time code from an administrator; API tokens expire (30 days by default) and show
their last use; `gamsa tokens create` and `gamsa otp-code` issue both from the command line."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
import sys

import pyotp
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gamsa.core import services
from gamsa.core.models import ApiToken, EnrolmentCode, Event, User


@pytest.fixture(autouse=True)
def _otp_required(isolated_settings):
    return isolated_settings


def person(name: str) -> User:
    return User.objects.get(username=name)


def password_only(client, username: str):
    """What an attacker who knows the password has: a session past the password step, no second factor."""
    client.force_login(person(username))
    return client


def test_a_password_alone_never_shows_the_authenticator_secret(client, demo):
    password_only(client, "auditor")
    page = client.get("/login/otp/")
    html = page.content.decode()
    assert page.status_code == 200 and "등록 코드" in html
    assert 'data-testid="otp-secret"' not in html and "otpauth://" not in html
    assert not TOTPDevice.objects.filter(user__username="auditor").exists()
    # Guessing codes: refused, and after five wrong ones even the right code waits 15 minutes.
    _, raw = services.issue_enrolment_code(person("admin"), person("auditor"))
    for _ in range(5):
        wrong = client.post("/login/otp/", {"enrolment_code": "AAAA-BBBB-CCCC"})
        assert wrong.status_code == 400 and "otp-secret" not in wrong.content.decode()
    blocked = client.post("/login/otp/", {"enrolment_code": raw})
    assert blocked.status_code == 429
    assert not TOTPDevice.objects.filter(user__username="auditor").exists()
    assert EnrolmentCode.objects.get(user__username="auditor").used_at is None
    # Nothing past the OTP step is reachable meanwhile.
    assert client.get("/").status_code == 302


def test_enrolment_with_a_one_time_code_from_the_command(client, demo, capsys):
    call_command("otp-code", "--user", "auditor", "--by", "admin")
    raw = capsys.readouterr().out.strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", raw)
    code = EnrolmentCode.objects.get(user__username="auditor")
    assert code.code_hash != raw and raw.replace("-", "") not in code.code_hash
    assert code.issued_by == person("admin")
    assert dt.timedelta(hours=71) < code.expires_at - timezone.now() <= dt.timedelta(hours=72)
    issued = Event.objects.get(verb="auth.enrolment_code_issued")
    assert raw not in str(issued.details) and issued.target_id == str(person("auditor").public_id)

    password_only(client, "auditor")
    step = client.post("/login/otp/", {"enrolment_code": raw.lower().replace("-", " ")})  # typed loosely
    assert step.status_code == 302
    page = client.get("/login/otp/")
    secret = re.search(r'data-testid="otp-secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    done = client.post("/login/otp/", {"token": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    device = TOTPDevice.objects.get(user__username="auditor")
    assert device.confirmed and base64.b32encode(device.bin_key).decode().rstrip("=") == secret
    assert client.get("/").status_code == 200
    assert Event.objects.filter(verb="auth.otp_enrolled", actor__username="auditor").count() == 1
    code.refresh_from_db()
    assert code.used_at is not None


def test_a_code_works_once_only_and_not_after_it_expires_or_for_another_user(client, demo):
    _, raw = services.issue_enrolment_code(None, person("auditor"))
    _, other = services.issue_enrolment_code(None, person("leader"))
    password_only(client, "auditor")
    assert client.post("/login/otp/", {"enrolment_code": other}).status_code == 400  # leader's code
    assert client.post("/login/otp/", {"enrolment_code": raw}).status_code == 302
    client.logout()
    password_only(client, "auditor")  # a second session (the attacker's) with the same code
    again = client.post("/login/otp/", {"enrolment_code": raw})
    assert again.status_code == 400 and "이미 썼거나" in again.content.decode()
    assert "otp-secret" not in again.content.decode()

    code, raw = services.issue_enrolment_code(None, person("patrol"))
    EnrolmentCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    client.logout()
    password_only(client, "patrol")
    assert client.post("/login/otp/", {"enrolment_code": raw}).status_code == 400
    assert not TOTPDevice.objects.filter(user__username="patrol").exists()


def test_a_new_code_replaces_the_earlier_unused_one(demo):
    _, first = services.issue_enrolment_code(None, person("auditor"))
    _, second = services.issue_enrolment_code(None, person("auditor"))
    assert not services.redeem_enrolment_code(person("auditor"), first)
    assert services.redeem_enrolment_code(person("auditor"), second)


def test_otp_code_refuses_accounts_without_2fa_and_unknown_ones(demo):
    with pytest.raises(CommandError, match="2단계 인증 대상"):
        call_command("otp-code", "--user", "citizen")
    with pytest.raises(CommandError, match="찾을 수 없습니다"):
        call_command("otp-code", "--user", "nobody")
    assert not EnrolmentCode.objects.exists()


# --- API tokens ----------------------------------------------------------------------------------------------------


def test_tokens_expire_after_30_days_by_default_and_are_refused_then(client, demo):
    token, raw = services.issue_api_token(person("auditor"), name="기본")
    assert dt.timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= dt.timedelta(days=30)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)  # an old token without an expiry
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    with pytest.raises(services.TokenProblem):
        services.issue_api_token(person("auditor"), name="영원", days=0)
    with pytest.raises(services.TokenProblem):
        services.issue_api_token(person("auditor"), name="너무 김", days=366)


def test_account_page_offers_30_days_first_and_lists_last_use_and_expiry(client, login):
    login("auditor")
    page = client.get("/account/")
    assert re.search(r'<option value="30" selected>30일</option>', page.content.decode())
    issued = client.post("/account/", {"name": "집계", "days": "30"})
    raw = re.search(r'data-testid="new-token">([^<]+)<', issued.content.decode()).group(1)
    client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token = ApiToken.objects.get(name="집계")
    assert token.last_used_at is not None
    old, _ = services.issue_api_token(person("auditor"), name="지난 토큰", days=1)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(days=2))
    html = client.get("/account/").content.decode()
    row = html[html.index("<td>집계</td>") :].split("</tr>")[0]
    from gamsa.core.templatetags.krfmt import kdatetime

    assert kdatetime(token.last_used_at) in row and '<td class="gamsa-nowrap">-</td>' not in row
    expired_row = html[html.index("<td>지난 토큰</td>") :].split("</tr>")[0]
    assert 'data-testid="token-expired"' in expired_row


def test_tokens_create_command_prints_a_working_token_once_and_logs_an_event(demo, client, capsys):
    call_command("tokens", "create", "--user", "complaints", "--name", "야간 집계", "--days", "7")
    captured = capsys.readouterr()
    raw = captured.out.strip()
    assert raw.startswith("gms_") and "다시 볼 수 없으니" in captured.err
    token = ApiToken.objects.get(name="야간 집계")
    assert token.user == person("complaints") and token.key_hash != raw and raw not in token.key_hash
    assert dt.timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= dt.timedelta(days=7)
    event = Event.objects.get(
        verb="api_token.issued", target_id=str(token.public_id)
    )  # a public id, not the pk
    assert event.details["via"] == "command" and raw not in str(event.details)
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200 and me.json()["username"] == "complaints"
    call_command("tokens", "list", "--user", "complaints")
    listing = capsys.readouterr().out
    assert token.prefix in listing and "사용 중" in listing and raw not in listing
    call_command("tokens", "revoke", token.prefix)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "citizen", "--name", "x"], "직원 역할만"),
        (["--user", "council", "--name", "x"], "직원 역할만"),
        (["--user", "auditor", "--name", "x", "--days", "0"], "1일부터 365일"),
        (["--user", "nobody", "--name", "x"], "찾을 수 없습니다"),
    ],
)
def test_tokens_create_refusals_issue_nothing(demo, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("tokens", "create", *args)
    assert not ApiToken.objects.exists()
    assert not Event.objects.filter(verb="api_token.issued").exists()


def test_gamsa_tokens_create_as_a_real_process(tmp_path):
    """The console script the operator runs, on its own database."""
    env_db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    import os

    env = {
        **os.environ,
        "DATABASE_URL": env_db,
        "GAMSA_SECRET_KEY": "y" * 50,
        "GAMSA_MEDIA_ROOT": str(tmp_path),
    }
    gamsa = [sys.executable, "-m", "gamsa.cli"]
    subprocess.run([*gamsa, "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*gamsa, "shell", "-c", "from gamsa.core.demo import load_demo; load_demo()"],
        env=env,
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [*gamsa, "tokens", "create", "--user", "auditor", "--name", "스크립트"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    raw = done.stdout.strip()
    assert re.fullmatch(r"gms_[A-Za-z0-9_-]{43}", raw), done.stdout
    assert "다시 볼 수 없으니" in done.stderr
    refused = subprocess.run(
        [*gamsa, "tokens", "create", "--user", "citizen", "--name", "x"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "직원 역할만" in refused.stderr and "gms_" not in refused.stdout
