"""Recording audit entries. Services call `record`; nothing else writes AuditEntry."""

from .models import AuditEntry


def record(actor, action: str, obj, before: dict | None = None, after: dict | None = None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before or {},
        after=after or {},
    )


def snapshot(obj, fields: list[str]) -> dict:
    """A JSON-safe dict of the named fields (FKs by id, M2M as sorted lists of str)."""
    data = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(str(o) for o in getattr(obj, name).all()) if obj.pk else []
        elif field.is_relation:
            data[name] = getattr(obj, field.attname)
        else:
            value = getattr(obj, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data
