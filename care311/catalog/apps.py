from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "care311.catalog"
    verbose_name = "Service catalog"
