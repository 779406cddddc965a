"""Background sending of notices (Tasks API). Queued after the case's commit; retries are queued with
`run_after` where the backend can wait, and `gamsa notices retry` sends whatever is due in any case."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="default")
def send_notice(delivery_id: int) -> str | None:
    from gamsa.core.notices.services import send_delivery

    return send_delivery(delivery_id)
