"""Messages to residents, the addresses that bounce, reporters' choices, and the texts
supervisors write for each kind of change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from care311.catalog.models import ServiceType
from care311.service_requests.models import ServiceRequest


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"


class State(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Failed, will retry")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    SUPPRESSED = "suppressed", _("Not sent: the address bounces")


# States staff should look at: nothing more will happen to these on its own.
TROUBLE = (State.FAILED, State.BOUNCED, State.SUPPRESSED)


class Notification(models.Model):
    """A message to send, and what became of it. `key` makes sending idempotent: the same
    message for the same event and address is one row, delivered at most once.

    `address` is a resident's email or phone: never logged, shown masked outside the admin.
    `address_key` is the address normalised (email lowercased, phone digits only).
    """

    key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=50)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=254)
    address_key = models.CharField(max_length=254, blank=True)
    language = models.CharField(max_length=5, default="en")
    context = models.JSONField(default=dict)
    request = models.ForeignKey(
        ServiceRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(
        null=True, blank=True, help_text="When the SMS provider said the text reached the phone."
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True, help_text="The last failure.")
    provider_id = models.CharField(
        max_length=64, blank=True, help_text="The SMS provider's id of the message sent."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notification_state_due"),
            models.Index(fields=["channel", "address_key"], name="notification_address"),
            models.Index(fields=["provider_id"], name="notification_provider_id"),
        ]

    def __str__(self) -> str:
        return f"{self.template} by {self.channel} ({self.state})"


class BouncingAddress(models.Model):
    """An address mail or texts cannot reach: nothing more is sent to it.

    Keyed by the normalised address; the reason never repeats the address itself.
    """

    channel = models.CharField(max_length=10, choices=Channel.choices)
    address_key = models.CharField(max_length=254)
    since = models.DateTimeField()
    reason = models.CharField(max_length=200)
    source = models.CharField(max_length=40, help_text="command, sms-status or the transport")
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-since"]
        verbose_name_plural = "bouncing addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "address_key"], name="one_bounce_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"bouncing {self.channel} since {self.since.isoformat()}"


class ReporterPreference(models.Model):
    """Whether the resident who reported a request gets its updates, in which language, and
    the token of the link that stops them (followers have theirs on Follower)."""

    request = models.OneToOneField(
        ServiceRequest, on_delete=models.CASCADE, related_name="reporter_preference"
    )
    token = models.CharField(max_length=40, unique=True)
    language = models.CharField(max_length=5, default="en")
    notify = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"reporter of {self.request_id}"


class Kind(models.TextChoices):
    """The kinds of change a resident hears about, one response text each."""

    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    REFERRED = "referred", _("Referred")
    ASSIGNED = "assigned", _("Assigned to a department")
    CLOSED = "closed", _("Closed")
    DUPLICATE = "duplicate", _("Merged as a duplicate")
    REOPENED = "reopened", _("Reopened")
    STATUS = "status", _("Any other change of status")


class ResponseTemplate(models.Model):
    """The text residents get for a kind of change, per service (none: every service) and
    language. Placeholders in braces, from responses.PLACEHOLDERS; the unsubscribe line is
    added below the body and cannot be removed."""

    service = models.ForeignKey(
        ServiceType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Leave empty for the text every service uses unless it has its own.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=5, choices=[("en", "English"), ("es", "Español")])
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="The email, and the public closing note for closures.")
    sms = models.CharField(
        max_length=300, blank=True, help_text="The text message; empty sends the subject."
    )

    class Meta:
        ordering = ["kind", "language", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "kind", "language"],
                condition=models.Q(service__isnull=False),
                name="one_response_per_service",
            ),
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=models.Q(service__isnull=True),
                name="one_default_response",
            ),
        ]

    def __str__(self) -> str:
        service = self.service.name if self.service else "every service"
        return f"{self.get_kind_display()} ({self.language}) for {service}"

    def clean(self) -> None:
        from care311.notifications.responses import check_placeholders

        check_placeholders(subject=self.subject, body=self.body, sms=self.sms)
