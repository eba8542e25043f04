"""API keys of Open311 clients, and what each client has submitted.

A key is shown once when it is created and stored only as its SHA-256 digest: keys are 256
random bits, so a fast digest is as safe as a slow one and a lookup is one index probe.
"""

import hashlib
import secrets

from django.db import models

from care311.service_requests.models import ServiceRequest


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ApiKeyManager(models.Manager["ApiKey"]):
    def issue(self, name: str) -> tuple["ApiKey", str]:
        """A new active key named `name`, and the raw key to hand over (never stored)."""
        raw = secrets.token_urlsafe(32)
        key = self.create(name=name, prefix=raw[:8], key_digest=digest(raw))
        return key, raw

    def active(self, raw_key: str) -> "ApiKey | None":
        if not raw_key:
            return None
        return self.filter(key_digest=digest(raw_key), active=True).first()


class ApiKey(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="Who the key was issued to.")
    prefix = models.CharField(max_length=8, help_text="The key's first characters, to tell it.")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApiKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"


class Submission(models.Model):
    """One request created through POST requests: the client's ids for it and how to find it
    again when the same POST comes twice."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="submissions")
    request = models.OneToOneField(
        ServiceRequest, on_delete=models.CASCADE, related_name="open311_submission"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    idempotency_key = models.CharField(max_length=200, blank=True)
    # A keyed hash of service, location, description and the reporter's ids, so a resent POST
    # without an idempotency key can be recognised without storing contact details twice.
    fingerprint = models.CharField(max_length=64)
    # The client's own ids for the device and the resident's account: private like contact
    # details, returned only to the client in the POST response.
    device_id = models.CharField(max_length=200, blank=True)
    account_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_submission_per_idempotency_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["api_key", "fingerprint", "created_at"], name="submission_fingerprint"
            )
        ]

    def __str__(self) -> str:
        return f"{self.api_key.name}: {self.request_id}"
