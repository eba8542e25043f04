from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "care311.analytics"
    label = "analytics"
    verbose_name = "Analytics and open data"
