import pytest

from gamsa.core.notices.tests.conftest import smtp_server  # noqa: F401  (a real SMTP server: aiosmtpd)


@pytest.fixture
def planted(demo, isolated_settings):
    from gamsa.integrity.tests.helpers import plant_all

    return plant_all()


@pytest.fixture
def as_user(client, demo):
    from gamsa.conftest import verified_login
    from gamsa.core.models import User

    def _as(username):
        client.logout()
        if username is None:
            return client
        return verified_login(client, User.objects.get(username=username))

    return _as
