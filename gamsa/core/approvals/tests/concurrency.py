"""Threads that each take document numbers in their own transactions (used in-process on PostgreSQL and in a
subprocess on a file SQLite database, where the test's in-memory database cannot be shared between threads)."""

from __future__ import annotations

import threading

from django.db import connection, transaction
from django.utils import timezone


def take_numbers(unit_id: int, threads: int = 8, per_thread: int = 25) -> list[int]:
    from gamsa.core.approvals.services import document_number
    from gamsa.core.models import OrgUnit

    unit = OrgUnit.objects.get(pk=unit_id)
    taken: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads)
    lock = threading.Lock()

    def work():
        try:
            start.wait()
            for _ in range(per_thread):
                with transaction.atomic():
                    _, seq = document_number(unit, timezone.now())
                with lock:
                    taken.append(seq)
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise errors[0]
    return taken


def main() -> None:  # the subprocess: migrate a file database, make a unit, take numbers, print them
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from gamsa.core import services
    from gamsa.core.models import UnitKind

    agency = services.create_agency(None, name="시험구", code="9999999", open311_jurisdiction_id="t.example")
    unit = services.create_unit(None, agency=agency, code="u", name="감사담당관", kind=UnitKind.DEPARTMENT)
    print(" ".join(str(n) for n in sorted(take_numbers(unit.pk))))


if __name__ == "__main__":
    main()
