from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "care311.knowledge"
    verbose_name = "Knowledge base"
