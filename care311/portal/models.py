"""What the portal keeps of its own: the one-time tokens of the forms that file requests."""

from django.db import models


class FormSubmission(models.Model):
    """A filing form that was sent: its one-time token and the request it made.

    The same form sent again (a double click, the back button, a retry) finds its token here
    and shows the request already made instead of filing a second one.
    """

    token = models.CharField(max_length=64, unique=True)
    request = models.ForeignKey(
        "service_requests.ServiceRequest", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"form for {self.request_id}"
