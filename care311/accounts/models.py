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
