from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "care311.desk"
    label = "desk"
    verbose_name = "Agent desk"
