"""The product's URLs plus one API path whose view fails: a real unhandled exception, for the 500 answer."""

from django.urls import path

from quiver.urls import urlpatterns as product


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("api/v1/test-boom", boom), *product]
