"""Messages to residents: one row per message and channel, sent once by a task."""

from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"


class Notification(models.Model):
    """A message to send, and whether it was sent. `key` makes sending idempotent: the same
    message for the same event and address is one row, delivered at most once.

    `address` is a resident's email or phone: never logged, never shown outside the admin.
    """

    key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=50)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=254)
    language = models.CharField(max_length=5, default="en")
    context = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.template} by {self.channel} ({'sent' if self.sent_at else 'queued'})"
