"""Calls, agents' states and queues, in care311's own terms.

The adapters (adapters/) translate a phone system's records into these as they arrive;
nothing here knows a source format. Call records and state intervals are written only by
the pipeline (pipeline.py), which also keeps the interval summaries in step with them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from care311.service_requests.models import ServiceRequest


class Queue(models.Model):
    """A call queue and the targets its service level is judged by."""

    name = models.CharField(max_length=100, unique=True, help_text="The phone system's name.")
    label = models.CharField(max_length=200, blank=True, help_text="Shown instead of the name.")
    service_level_seconds = models.PositiveIntegerField(
        default=20, help_text="A call answered within this many seconds meets the service level."
    )
    service_level_target = models.PositiveSmallIntegerField(
        default=80, help_text="Percent of calls to answer within the threshold."
    )
    short_abandon_seconds = models.PositiveIntegerField(
        default=5, help_text="A caller who hangs up sooner than this is a short abandon."
    )
    abandon_target = models.PositiveSmallIntegerField(
        default=5, help_text="Highest acceptable abandonment rate, percent."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label or self.name


class Agent(models.Model):
    """Someone who answers calls, as the phone system names them, and their staff account."""

    name = models.CharField(max_length=200, unique=True, help_text="The phone system's name.")
    label = models.CharField(max_length=200, blank=True, help_text="Shown instead of the name.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_agent",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label or self.name


class Outcome(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ANSWERED = "answered", _("Answered")
    TRANSFERRED = "transferred", _("Transferred")
    ABANDONED = "abandoned", _("Abandoned")
    TIMED_OUT = "timed_out", _("Timed out")
    EXITED_KEY = "exited_key", _("Exited with a key")
    EXITED_EMPTY = "exited_empty", _("Exited: no agents")
    IVR = "ivr", _("Left before queueing")


ANSWERED_OUTCOMES = frozenset({Outcome.ANSWERED, Outcome.TRANSFERRED})


class Source(models.TextChoices):
    QUEUE_LOG = "queue_log", _("Asterisk queue_log")
    WEBHOOK = "webhook", _("Webhook")
    BANK = "bank", _("Bank call-by-call records")
    REPLAY = "replay", _("Replay")


class CallRecord(models.Model):
    """One call's passage through a queue, with its durations in whole seconds.

    `complete` is false while the call waits or talks, and for a call whose last line never
    came (a log that ends mid-call): such a call keeps what is known and is reported as
    incomplete, never given invented times. Unknown durations are null.
    """

    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="calls")
    agent = models.ForeignKey(
        Agent, null=True, blank=True, on_delete=models.PROTECT, related_name="calls"
    )
    channel = models.CharField(max_length=20, default="phone")
    source = models.CharField(max_length=20, choices=Source.choices)
    source_key = models.CharField(max_length=200, help_text="The source's id for the call.")

    arrived_at = models.DateTimeField(help_text="When the call entered the queue.")
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.WAITING)
    complete = models.BooleanField(default=False)
    ended_by = models.CharField(max_length=10, blank=True, help_text="caller or agent")

    wait_seconds = models.PositiveIntegerField(null=True, blank=True)
    ring_seconds = models.PositiveIntegerField(null=True, blank=True)
    talk_seconds = models.PositiveIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveIntegerField(null=True, blank=True)
    wrap_seconds = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(
        null=True, blank=True, help_text="Place in the queue on entering it."
    )
    transfer_target = models.CharField(max_length=200, blank=True)
    derived = models.CharField(
        max_length=100,
        blank=True,
        help_text="Fields worked out from the others, not reported: worked out again when a "
        "later event reports more.",
    )

    # Private: never rendered on public pages, reports, exports or logs.
    caller_number = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-arrived_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_key"], name="one_call_per_source_key")
        ]
        indexes = [
            models.Index(fields=["arrived_at"], name="call_arrived"),
            models.Index(fields=["queue", "arrived_at"], name="call_queue_arrived"),
            models.Index(fields=["agent", "arrived_at"], name="call_agent_arrived"),
            # The wallboard's "waiting now" and "on a call now" look-ups.
            models.Index(fields=["complete", "arrived_at"], name="call_open"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_key}"

    @property
    def answered(self) -> bool:
        return self.outcome in ANSWERED_OUTCOMES


class AgentState(models.TextChoices):
    LOGGED_IN = "logged_in", _("Logged in")
    AVAILABLE = "available", _("Available")
    ON_CALL = "on_call", _("On a call")
    WRAP_UP = "wrap_up", _("Wrap-up")
    PAUSED = "paused", _("Paused")


class AgentStateInterval(models.Model):
    """A span of time an agent spent in one state; `ended_at` is null while it lasts.

    Logged-in intervals are the agent's sessions; the other states lie within them, so a
    paused agent has a logged-in interval and a paused one at the same time.
    """

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="intervals")
    state = models.CharField(max_length=20, choices=AgentState.choices)
    reason = models.CharField(max_length=200, blank=True, help_text="Why paused, if said.")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)

    class Meta:
        ordering = ["agent", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "state", "started_at"], name="one_interval_per_start"
            )
        ]
        indexes = [
            models.Index(fields=["started_at"], name="interval_started"),
            models.Index(fields=["agent", "ended_at"], name="interval_open"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} {self.state} from {self.started_at.isoformat()}"


class IntervalSummary(models.Model):
    """Sums over the calls that arrived in one UTC quarter-hour, per queue, agent, channel.

    The pipeline adds each changed call's difference in the same transaction as the call, so
    a month's report reads some thousands of these instead of every call. The threshold
    counts use the queue's thresholds; changing them rebuilds the queue's summaries
    (metrics/summaries.py).
    """

    quarter = models.BigIntegerField(help_text="Seconds since 1970 UTC, divided by 900.")
    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="+")
    # The agent's id, 0 for calls no agent took: a plain number, so that the four keys can
    # be one unique constraint and a batch's sums added with one INSERT ... ON CONFLICT.
    agent_key = models.BigIntegerField()
    channel = models.CharField(max_length=20)

    entered = models.IntegerField(default=0)
    waiting = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    answered_in_threshold = models.IntegerField(default=0)
    abandoned = models.IntegerField(default=0)
    abandoned_in_threshold = models.IntegerField(default=0)
    short_abandoned = models.IntegerField(default=0)
    timed_out = models.IntegerField(default=0)
    exited = models.IntegerField(default=0)
    transferred = models.IntegerField(default=0)
    incomplete = models.IntegerField(default=0)
    handled = models.IntegerField(default=0)
    ivr = models.IntegerField(default=0)
    wait_answered = models.BigIntegerField(default=0)
    wait_abandoned = models.BigIntegerField(default=0)
    talk = models.BigIntegerField(default=0)
    hold = models.BigIntegerField(default=0)
    wrap = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "queue", "agent_key", "channel"], name="one_summary_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"quarter {self.quarter} {self.queue_id}/{self.agent_key}/{self.channel}"


class ContactLink(models.Model):
    """A call about a service request: filed during the call, or a later contact about it.

    A minimal stand-in for the desk's contacts (not built yet): first-contact resolution
    counts the calls about a request that had no repeat call about it within N days.
    """

    call = models.ForeignKey(CallRecord, on_delete=models.CASCADE, related_name="links")
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="call_links")
    filed = models.BooleanField(default=False, help_text="The request was filed on this call.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "request"], name="one_link_per_call_request")
        ]

    def __str__(self) -> str:
        return f"call {self.call_id} about request {self.request_id}"


class WebhookKey(models.Model):
    """A phone system's key for posting events; stored only as its SHA-256 digest."""

    name = models.CharField(max_length=100, unique=True, help_text="The phone system's name.")
    prefix = models.CharField(max_length=8)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"


class WebhookEvent(models.Model):
    """An event id already taken from a phone system, so a retried batch changes nothing."""

    key = models.ForeignKey(WebhookKey, on_delete=models.CASCADE, related_name="+")
    event_id = models.CharField(max_length=200)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "event_id"], name="one_webhook_event_per_id")
        ]

    def __str__(self) -> str:
        return self.event_id
