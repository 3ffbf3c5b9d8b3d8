from datetime import timedelta

from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    name = "quiver.lifecycle"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from quiver.core.periodic import register
        from quiver.library import providers

        from . import panels, selectors, services, tasks

        register("lifecycle.sweep", tasks.sweep_task, every=timedelta(minutes=1))
        register("lifecycle.purge_trash", tasks.purge_trash_task, every=timedelta(hours=1))
        panels.register_panels()
        providers.approval_policy_for.provide(selectors.approval_policy_for)
        providers.submit_for_review.provide(services.submit_for_review)
        providers.withdraw_pending.provide(services.withdraw_pending)
        providers.merge_target.provide(selectors.merge_target)
        providers.trash.provide(services.trash)
