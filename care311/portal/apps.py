from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "care311.portal"
