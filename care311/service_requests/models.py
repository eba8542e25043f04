"""Service requests and their history events.

Nothing here changes a request: every change goes through an action in actions.py, which
writes the history event that explains it.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from care311.catalog.models import ClosureReason, Department, ServiceType, WorkQueue
from care311.service_requests.public_ids import new_public_id


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")
    DUPLICATE = "duplicate", _("Duplicate")


# GeoReport v2 knows only open and closed; these internal states count as closed.
CLOSED_STATUSES = frozenset({Status.CLOSED, Status.DUPLICATE})


class Priority(models.IntegerChoices):
    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WEB = "web", _("Web")
    APP = "app", _("Mobile app")
    OPEN311 = "open311", _("Open311 client")
    EMAIL = "email", _("Email")
    WALK_IN = "walk_in", _("Walk-in")
    IMPORT = "import", _("Imported")


class ServiceRequest(models.Model):
    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    service = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="requests")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    closure_reason = models.CharField(max_length=300, blank=True)
    closed_as = models.ForeignKey(
        ClosureReason,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The reason from the list, when the closure used one.",
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    zipcode = models.CharField(max_length=20, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)

    # Private: never rendered on public pages, API responses, exports or logs.
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_email = models.EmailField(blank=True)
    reporter_phone = models.CharField(max_length=40, blank=True)

    requested_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    expected_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    agency_responsible = models.CharField(max_length=200, blank=True)
    status_notes = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)
    media_url = models.URLField(max_length=500, blank=True)

    # Case work (care311/service_requests/casework.py). New columns that imports do not write
    # carry database defaults, since imports insert rows with their own SQL.
    queue = models.ForeignKey(
        WorkQueue, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    priority = models.PositiveSmallIntegerField(
        choices=Priority.choices, default=Priority.NORMAL, db_default=Priority.NORMAL
    )
    referred_to = models.CharField(
        max_length=200, blank=True, db_default="", help_text="External agency."
    )
    # The SLA clock: stopped since `on_hold_since` while on hold; `held_seconds` is the time
    # (as the service's clock counts it) of holds already ended.
    on_hold_since = models.DateTimeField(null=True, blank=True)
    held_seconds = models.PositiveIntegerField(default=0, db_default=0)
    sla_warn_at = models.DateTimeField(null=True, blank=True)
    sla_warned_at = models.DateTimeField(null=True, blank=True)
    sla_escalated_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every action; a form sends the version it showed (optimistic concurrency).
    version = models.PositiveIntegerField(default=1, db_default=1)

    # Where an imported request came from: the source system, its id there, which file and
    # record last wrote it, and a fingerprint of that record to tell a changed row on re-import.
    source = models.CharField(max_length=40, blank=True)
    source_id = models.CharField(max_length=100, blank=True)
    source_file = models.CharField(max_length=32, blank=True)
    source_record = models.PositiveIntegerField(null=True, blank=True)
    source_hash = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source=""),
                name="one_request_per_source_id",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="longitude_in_range",
            ),
        ]
        indexes = [
            # A time window, newest first; a box's rows in it are picked out inside the index
            # (a dense box then reads only the rows it lists, in order).
            models.Index(
                fields=["requested_at", "latitude", "longitude"], name="request_requested_place"
            ),
            models.Index(fields=["updated_at"], name="request_updated_at"),
            models.Index(fields=["status", "requested_at"], name="request_status_requested"),
            models.Index(fields=["service", "requested_at"], name="request_service_requested"),
            models.Index(
                fields=["service", "status", "requested_at"], name="request_service_status"
            ),
            # A box or circle (a sparse one): its rows in the time window, and the page's ids,
            # are picked out inside the index alone (service and id are key columns, not
            # INCLUDE ones, so SQLite covers the query too), so only the page's rows are read
            # from the table.
            models.Index(
                fields=["latitude", "longitude", "requested_at", "service", "id"],
                name="request_location_time",
            ),
            # "My requests": a resident's requests from every channel, by their email.
            models.Index(Lower("reporter_email"), name="request_reporter_email"),
            # The desk looks a caller up by their number.
            models.Index(fields=["reporter_phone"], name="request_reporter_phone"),
            # A department's queue pages; the sweep's due and warning moments.
            models.Index(fields=["department", "status", "requested_at"], name="request_queue"),
            # Open requests only (a small share of a big city's rows): a work queue's page in
            # its order (most urgent, then oldest), and its count and the supervisor's and the
            # queues' tallies from the index alone, whatever the filter (all key columns, so
            # SQLite can cover them too).
            models.Index(
                fields=[
                    "department",
                    "priority",
                    "requested_at",
                    "id",
                    "queue",
                    "assigned_to",
                    "status",
                    "expected_at",
                    "sla_warn_at",
                    "on_hold_since",
                ],
                condition=~models.Q(status__in=sorted(status.value for status in CLOSED_STATUSES)),
                name="request_open_by_priority",
            ),
            models.Index(fields=["expected_at"], name="request_expected_at"),
            models.Index(fields=["sla_warn_at"], name="request_sla_warn_at"),
        ]

    def __str__(self) -> str:
        return self.public_id

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class EventKind(models.TextChoices):
    CREATED = "created", _("Request received")
    IMPORTED = "imported", _("Imported")
    REIMPORTED = "reimported", _("Updated by import")
    UPDATED = "updated", _("Details changed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    MERGED = "merged", _("Marked as duplicate")
    NOTE = "note", _("Note")
    FOLLOWED = "followed", _("Another resident reported this too")
    SUBSCRIBED = "subscribed", _("Updates requested")
    UNSUBSCRIBED = "unsubscribed", _("Updates stopped")
    PHOTO_ADDED = "photo_added", _("Photo added")
    NOT_FIXED = "not_fixed", _("Reported as not fixed")
    REFERRED = "referred", _("Referred to another agency")
    HELD = "held", _("On hold")
    RESUMED = "resumed", _("Work resumed")
    SLA_WARNING = "sla_warning", _("Service target nearly reached")
    SLA_ESCALATED = "sla_escalated", _("Service target missed")


class HistoryEvent(models.Model):
    """One change to a request: who, when, what changed, and whether residents may see it.

    Append-only; the request's timeline is its events in order.
    """

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The acting system's name when no person acted ("import:nyc", "sla-sweep").
    actor_name = models.CharField(max_length=100)
    public = models.BooleanField(default=True)
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["request", "at"], name="event_request_at"),
            models.Index(fields=["at", "id"], name="event_at"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} at {self.at.isoformat()}"


class PhotoKind(models.TextChoices):
    REPORT = "report", _("Sent with the report")
    CLOSING = "closing", _("Taken when the work was done")


class Photo(models.Model):
    """A photo of a request, stored without EXIF or location data (see add_photo)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=10, choices=PhotoKind.choices, default=PhotoKind.REPORT)
    file = models.FileField(upload_to="photos/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} photo"


class Follower(models.Model):
    """A resident following a request: one who reported the same problem ("this is my problem
    too"), or who asked for updates. Contact details are private, like the reporter's."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followed_requests",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=5, default="en")
    me_too = models.BooleanField(default=False, help_text="Reported the same problem.")
    notify = models.BooleanField(default=False, help_text="Gets updates by email or SMS.")
    token = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(Lower("email"), name="follower_email")]

    def __str__(self) -> str:
        return f"follower of {self.request_id}"


class NotFixedReport(models.Model):
    """A resident said a closed request was not fixed, within the window for it.

    Kept as its own record so analytics can count closures that did not hold against the
    department that closed them: each one counts as a missed service target.
    """

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(help_text="When the closure that did not hold was made.")
    closure_reason = models.CharField(max_length=300, blank=True)
    reported_at = models.DateTimeField()
    counts_against_sla = models.BooleanField(default=True)

    class Meta:
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["department", "reported_at"], name="not_fixed_department")]

    def __str__(self) -> str:
        return f"{self.request_id} not fixed at {self.reported_at.isoformat()}"
