from django.apps import AppConfig


class ContactCenterConfig(AppConfig):
    name = "care311.contact_center"
    label = "contact_center"
    verbose_name = "Contact center"
