from datetime import timedelta

from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "quiver.notify"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from quiver.core.periodic import register

        from . import tasks

        register("notify.remind_due", tasks.remind_due, every=timedelta(hours=1))
        register("notify.send_digests", tasks.send_digests, every=timedelta(minutes=30))
        register("notify.sweep_webhooks", tasks.sweep_webhooks, every=timedelta(minutes=1))
