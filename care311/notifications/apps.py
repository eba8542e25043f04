from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "care311.notifications"

    def ready(self) -> None:
        # Connects the receiver that tells followers about changes.
        from care311.notifications import messages  # noqa: F401
