from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "care311.desk"
    label = "desk"
    verbose_name = "Agent desk"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from care311.desk.signals import signed_out

        user_logged_out.connect(signed_out, dispatch_uid="desk-signed-out")
