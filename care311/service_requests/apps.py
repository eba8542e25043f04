from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "care311.service_requests"
    verbose_name = "Service requests"
