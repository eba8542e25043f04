from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "care311.accounts"
