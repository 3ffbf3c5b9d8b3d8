"""`{% ingest_position version as queue %}`: where a processing version waits (library.selectors.ingest_position)."""

from django import template

from ..selectors import ingest_position as _ingest_position

register = template.Library()


@register.simple_tag
def ingest_position(version):
    return _ingest_position(version)
