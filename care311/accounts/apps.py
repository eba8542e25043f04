from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "care311.accounts"

    def ready(self) -> None:
        # Connects the sign-in receiver that starts a staff session's clocks.
        from care311.accounts import sessions  # noqa: F401
