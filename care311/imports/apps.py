from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "care311.imports"
    verbose_name = "Imports"
