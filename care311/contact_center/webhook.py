"""The webhook's keys and its intake: a batch of events in, one transaction, counts out.

Each phone system posts with its own key; call ids are kept per key, so two systems may
use the same ids. An event id already taken from that key is skipped, so a retried batch
changes nothing. Events that cannot be read are reported back by position and kept in the
quarantine (QuarantinedRecord, source "webhook") with the caller's number removed; so are
the batch's events of a call the pipeline refuses (its event times give an impossible
wait or talk time), whose ids stay free for a corrected retry.
"""

import hashlib
import json
import logging
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from care311.contact_center.adapters import webhook
from care311.contact_center.models import Source, WebhookEvent, WebhookKey
from care311.contact_center.pipeline import Pipeline
from care311.contact_center.quality import Quality
from care311.imports.models import QuarantinedRecord

logger = logging.getLogger(__name__)

MAX_EVENTS = 10_000
LOOKUP_CHUNK = 2000


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def issue_key(name: str) -> str:
    """Create an active key named `name` and return the key itself (stored only hashed)."""
    raw = secrets.token_urlsafe(32)
    WebhookKey.objects.create(name=name, prefix=raw[:8], key_digest=digest(raw))
    return raw


def active_key(raw_key: str) -> WebhookKey | None:
    if not raw_key:
        return None
    return WebhookKey.objects.filter(key_digest=digest(raw_key), active=True).first()


@dataclass
class Received:
    accepted: int
    duplicates: int
    rejected: list[dict]

    def as_dict(self) -> dict:
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
        }


def receive(key: WebhookKey, events: list) -> Received:
    """Take one batch; a simultaneous copy of it (a retry racing the first) is retried once,
    when it finds the first's event ids taken."""
    try:
        return _receive(key, events)
    except IntegrityError:
        logger.info("webhook batch for key %s raced another; trying again", key.pk)
        return _receive(key, events)


def _receive(key: WebhookKey, events: list) -> Received:
    quality = Quality(f"webhook:{key.name}", "webhook")
    with transaction.atomic():
        seen = _taken(key, webhook.event_ids(events))
        now = timezone.now()
        batch = webhook.translate(events, seen, call_prefix=f"{key.pk}:", now=now)
        outcomes = Pipeline(Source.WEBHOOK, quality).record_events(batch.calls, batch.agents)
        ids, rejected = _refused(batch, outcomes.refused)
        WebhookEvent.objects.bulk_create(
            [WebhookEvent(key=key, event_id=event_id, received_at=now) for event_id in ids],
            batch_size=2000,
        )
        _quarantine(key, events, rejected, now)
    return Received(len(ids), batch.duplicates, rejected)


def _refused(batch: webhook.Translated, refused: dict[str, str]) -> tuple[list[str], list[dict]]:
    """The ids taken and the events rejected, once the events of refused calls move over."""
    if not refused:
        return batch.ids, batch.rejected
    moved = [
        {"index": index, "id": event_id, "error": f"at: {why}"}
        for call_key, why in refused.items()
        for index, event_id in batch.events_of_call[call_key]
    ]
    gone = {problem["id"] for problem in moved}
    ids = [event_id for event_id in batch.ids if event_id not in gone]
    return ids, sorted([*batch.rejected, *moved], key=lambda problem: problem["index"])


def _taken(key: WebhookKey, ids: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(ids), LOOKUP_CHUNK):
        taken.update(
            WebhookEvent.objects.filter(
                key=key, event_id__in=ids[start : start + LOOKUP_CHUNK]
            ).values_list("event_id", flat=True)
        )
    return taken


def _quarantine(key: WebhookKey, events: list, rejected: list[dict], now) -> None:
    if not rejected:
        return
    body = json.dumps(events, sort_keys=True, default=str).encode()
    batch_key = hashlib.blake2b(body, digest_size=16).hexdigest()
    QuarantinedRecord.objects.bulk_create(
        [
            QuarantinedRecord(
                source=Source.WEBHOOK,
                file_key=batch_key,
                file_name=f"webhook {key.name}",
                record_no=problem["index"] + 1,
                source_id=_storable(problem["id"])[:100],
                reason=problem["error"][:300],
                raw=_scrubbed(events[problem["index"]]),
                first_seen_at=now,
            )
            for problem in rejected
        ],
        ignore_conflicts=True,
    )
    logger.info("webhook key %s: %d events rejected", key.pk, len(rejected))


def _storable(event_id: object) -> str:
    """The id as the quarantine can keep it: NULs and lone surrogates escaped."""
    text = str(event_id or "").replace("\0", "\\x00")
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _scrubbed(event: object) -> str:
    if isinstance(event, dict) and "caller" in event:
        event = {**event, "caller": "(withheld)"}
    return json.dumps(event, default=str)[:10_000]
