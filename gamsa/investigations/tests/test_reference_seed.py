"""The allegation types are reference data: a flushed database (transactional tests, `gamsa flush`) gets them back,
as the hotline's categories and core's deadline rules do."""

import pytest
from django.core.management import call_command

from gamsa.investigations.models import AllegationType


@pytest.mark.django_db(transaction=True)
def test_allegation_types_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert AllegationType.objects.filter(code="bribery", ground="property").exists()
