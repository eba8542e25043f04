"""What the desk records: contacts with residents, agents' presence, and desk sessions.

Nothing here changes a record by itself: care311/desk/actions.py does, in transactions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Chat")
    WALK_IN = "walk_in", _("Walk-in")
    SOCIAL = "social", _("Social media")


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")


class ContactOutcome(models.TextChoices):
    REQUEST_CREATED = "request_created", _("Request created")
    REQUEST_UPDATED = "request_updated", _("Request updated")
    INFORMATION_GIVEN = "information_given", _("Information given")
    TRANSFERRED = "transferred", _("Transferred")
    REFERRED = "referred", _("Referred to another agency")


class Contact(models.Model):
    """One interaction with a resident, from its start to the agent's wrap-up.

    `ended_at` is when the conversation ended, `wrapped_up_at` when the agent finished the
    wrap-up; both are null while the contact lasts. The caller's number is private, like a
    request's reporter details: never on public pages, exports or logs.
    """

    channel = models.CharField(max_length=10, choices=ContactChannel.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    caller_number = models.CharField(
        max_length=20, blank=True, help_text="Digits with a leading + (see desk/phones.py)."
    )
    caller_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=5, default="en")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="desk_contacts"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    wrapped_up_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices, blank=True)
    article = models.ForeignKey(
        "knowledge.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The knowledge article the answer came from.",
    )
    agency = models.CharField(max_length=200, blank=True, help_text="Who it was referred to.")
    notes = models.TextField(blank=True)
    requests = models.ManyToManyField(
        "service_requests.ServiceRequest", through="ContactRequest", related_name="contacts"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wrapped_up_at__isnull=True) | ~Q(outcome=""),
                name="contact_wrapped_up_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=ContactOutcome.REFERRED) | ~Q(agency=""),
                name="contact_referral_names_agency",
            ),
        ]
        indexes = [
            # A caller's history, newest first (the screen-pop's first read).
            models.Index(fields=["caller_number", "started_at"], name="contact_caller"),
            models.Index(fields=["agent", "started_at"], name="contact_agent"),
            # Contacts not yet wrapped up: the supervisor's "on contact" and each desk home.
            models.Index(
                fields=["agent"],
                condition=Q(wrapped_up_at__isnull=True),
                name="contact_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} contact {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.wrapped_up_at is None


class Link(models.TextChoices):
    FILED = "filed", _("Filed during the contact")
    FOLLOWED = "followed", _("Caller added as affected")
    DISCUSSED = "discussed", _("Discussed")


class ContactRequest(models.Model):
    """A request a contact was about, and how."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links")
    request = models.ForeignKey(
        "service_requests.ServiceRequest", on_delete=models.CASCADE, related_name="contact_links"
    )
    link = models.CharField(max_length=10, choices=Link.choices)
    linked_at = models.DateTimeField()

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "request"], name="contact_request_once")
        ]

    def __str__(self) -> str:
        return f"contact {self.contact_id} {self.link} request {self.request_id}"


class Presence(models.TextChoices):
    AVAILABLE = "available", _("Available")
    ON_CONTACT = "on_contact", _("On contact")
    WRAP_UP = "wrap_up", _("Wrap-up")
    BREAK = "break", _("Break")
    OFFLINE = "offline", _("Offline")


class PresenceInterval(models.Model):
    """A span of time an agent spent in one presence state; `ended_at` is null while it lasts.

    Every change closes the open interval and opens the next at the same instant, so a day's
    intervals tile it without gaps. An agent with no open interval is offline.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="presence_intervals"
    )
    state = models.CharField(max_length=12, choices=Presence.choices)
    reason = models.CharField(max_length=200, blank=True, help_text="Why on break.")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended_at__isnull=True), name="presence_one_open"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="presence_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "started_at"], name="presence_user_started")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.state} from {self.started_at.isoformat()}"


class Location(models.TextChoices):
    OFFICE = "office", _("Office")
    REMOTE = "remote", _("Remote")


class DeskSession(models.Model):
    """One signed-in browser on the desk: where it runs from and when it last checked in.

    Keyed by a hash of Django's session key, so the key itself is never stored twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_sessions"
    )
    session_key_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    last_heartbeat_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=10, choices=Location.choices)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "ended_at"], name="desk_session_user")]

    def __str__(self) -> str:
        return f"{self.user_id} desk session from {self.started_at.isoformat()}"
