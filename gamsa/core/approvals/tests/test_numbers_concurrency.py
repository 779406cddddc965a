"""Document numbers under concurrency: 8 threads × 25 signatures give 1..200, no gap and no duplicate, on
PostgreSQL (in this process, `make test-pg`) and on a file SQLite database (in a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

from gamsa.core.approvals.models import DocumentCounter
from gamsa.core.approvals.tests.concurrency import take_numbers


@pytest.mark.django_db(transaction=True)
def test_numbers_have_no_gaps_under_concurrent_signatures(tmp_path):
    expected = list(range(1, 201))
    if connection.vendor == "postgresql":
        from gamsa.core import services
        from gamsa.core.models import UnitKind

        agency = services.create_agency(
            None, name="시험구", code="9999999", open311_jurisdiction_id="t.example"
        )
        unit = services.create_unit(
            None, agency=agency, code="u", name="감사담당관", kind=UnitKind.DEPARTMENT
        )
        assert sorted(take_numbers(unit.pk)) == expected
        assert DocumentCounter.objects.get(unit=unit).last == 200
        return
    env = {
        **os.environ,
        "GAMSA_SECRET_KEY": "x" * 50,
        "GAMSA_HTTPS": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'numbers.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "gamsa.settings",
    }
    out = subprocess.run(
        [sys.executable, "-m", "gamsa.core.approvals.tests.concurrency"],
        env=env,
        check=True,
        capture_output=True,
    )
    numbers = [int(n) for n in out.stdout.decode().split()]
    assert numbers == expected
