"""The access matrices' `Watch` sees every write (fast path or not), names the tables, and leaves the database as
it was before the request."""

from __future__ import annotations

import pytest

from gamsa.core.models import Event, OrgUnit
from gamsa.core.services import record_event
from gamsa.core.testing.matrix import Watch, watched_models

pytestmark = pytest.mark.django_db


def test_no_write_no_change(demo, tmp_path):
    with Watch(watched_models("core"), tmp_path) as watch:
        assert OrgUnit.objects.count() > 0
    assert watch.changed == set()


def test_writes_are_named_and_rolled_back(demo, tmp_path):
    unit = OrgUnit.objects.order_by("pk").first()
    events = Event.objects.count()
    with Watch(watched_models("core"), tmp_path) as watch:
        OrgUnit.objects.filter(pk=unit.pk).update(phone="02-0000-0000")  # an update: same row count
        record_event(None, "test.touched", unit)
        (tmp_path / "new.txt").write_text("x")
    assert watch.changed == {"core.orgunit", "core.event", "media_files"}
    assert OrgUnit.objects.get(pk=unit.pk).phone == unit.phone and Event.objects.count() == events


def test_a_write_outside_the_watched_tables_is_not_named(demo, tmp_path):
    from django.contrib.sessions.backends.db import SessionStore

    with Watch(watched_models("core"), tmp_path) as watch:
        SessionStore().create()
    assert watch.changed == set()
