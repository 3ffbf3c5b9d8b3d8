"""Background tasks: webhook deliveries (enqueued on commit, retried with run_after) and the periodic jobs
(registered in apps.py through quiver.core.periodic)."""

from django_tasks import task


@task()
def deliver_webhook(delivery_id: int) -> str:
    from .webhooks.delivery import attempt

    delivery = attempt(delivery_id)
    return delivery.status if delivery else "skipped"


@task()
def sweep_webhooks() -> int:
    from .webhooks.delivery import sweep

    return sweep()


@task()
def send_digests() -> int:
    from .digest import send_digests as run

    return run()


@task()
def remind_due() -> int:
    from .reminders import remind_due as run

    return run()
