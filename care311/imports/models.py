"""What each import run did, and the source records it could not take."""

from django.db import models


class ImportRun(models.Model):
    class State(models.TextChoices):
        RUNNING = "running"
        FINISHED = "finished"
        FAILED = "failed"

    file_name = models.CharField(max_length=500)
    file_key = models.CharField(max_length=32, help_text="Fingerprint of the file's content.")
    format = models.CharField(max_length=40)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.format} {self.file_name} ({self.state})"


class QuarantinedRecord(models.Model):
    """A source record that was not imported, kept whole with the reason, for repair."""

    source = models.CharField(max_length=40)
    file_key = models.CharField(max_length=32)
    file_name = models.CharField(max_length=500)
    record_no = models.PositiveIntegerField(help_text="1 is the first record after any header.")
    source_id = models.CharField(max_length=100, blank=True)
    reason = models.CharField(max_length=300)
    raw = models.TextField()
    first_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["file_name", "record_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["file_key", "record_no"], name="one_quarantine_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name}#{self.record_no}: {self.reason}"
