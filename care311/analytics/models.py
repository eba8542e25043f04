"""What the analytics app records: the weekly summaries already sent."""

from django.db import models

from care311.catalog.models import Department


class WeeklySummary(models.Model):
    """One department's summary of one week, sent once (a retried task sends no second)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(help_text="The Monday the week began (city time).")
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField()

    class Meta:
        ordering = ["-week_start", "department"]
        constraints = [
            models.UniqueConstraint(fields=["department", "week_start"], name="weekly_summary_once")
        ]

    def __str__(self) -> str:
        return f"{self.department} week of {self.week_start}"
