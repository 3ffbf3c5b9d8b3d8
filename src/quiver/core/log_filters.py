"""Logging filters named in settings.LOGGING."""

import logging


class ExpectedRefusalFilter(logging.Filter):
    """A 4xx the application raised on purpose (PermissionDenied, Http404, ninja's HttpError) is an answer, not a
    fault: django.request keeps its one WARNING line for it, without the traceback Django attaches to a 403."""

    def filter(self, record: logging.LogRecord) -> bool:
        from django.core.exceptions import PermissionDenied
        from django.http import Http404
        from ninja.errors import HttpError

        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, PermissionDenied | Http404 | HttpError) and getattr(record, "status_code", 500) < 500:
            record.exc_info, record.exc_text = None, None
        return True
