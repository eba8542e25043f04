from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "care311.demo"
