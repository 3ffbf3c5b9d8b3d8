from django.utils.functional import SimpleLazyObject


def notifications(request):
    """`notify_unread`: the bell's count in the nav (computed only when a template shows it)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"notify_unread": 0}
    from .selectors import unread_count

    return {"notify_unread": SimpleLazyObject(lambda: unread_count(user))}
