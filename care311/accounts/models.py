"""Staff accounts: which department a member of staff works for."""

from django.conf import settings
from django.db import models

from care311.catalog.models import Department


class StaffProfile(models.Model):
    """What care311 knows about a member of staff beyond Django's user.

    `department` is set for department staff, whose work queue is their department's requests;
    agents, supervisors and administrators work across departments and leave it blank.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )

    def __str__(self) -> str:
        return self.user.get_username()


class ContactDetailView(models.Model):
    """One showing of a resident's contact details to a member of staff: who, which request,
    which fields, on which page, when. Written only by contact.reveal_contact.

    The username and request number are copied, so the record still reads the same if the
    account or the request is removed later.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    request = models.ForeignKey(
        "service_requests.ServiceRequest",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public_id = models.CharField("request", max_length=20)
    fields = models.CharField(max_length=200, help_text="The contact fields shown.")
    where = models.CharField(max_length=100, help_text="The page they were shown on.")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["request", "at"], name="contact_view_request"),
            models.Index(fields=["user", "at"], name="contact_view_user"),
        ]

    def __str__(self) -> str:
        return f"{self.username} saw {self.fields} of {self.public_id}"
