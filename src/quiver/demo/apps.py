from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "quiver.demo"
    label = "demo"
