"""Residents' contact details, shown to staff only through reveal_contact, which records it.

Every staff page that shows a reporter's name, email or phone number gets them here, so the
audit log (ContactDetailView, readable by supervisors in the admin) has a row for each time.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from care311.accounts.access import visible_requests
from care311.accounts.models import ContactDetailView
from care311.service_requests.models import ServiceRequest

logger = logging.getLogger(__name__)

CONTACT_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")


@transaction.atomic
def reveal_contact(
    user, request: ServiceRequest, *, where: str, fields: tuple[str, ...] = CONTACT_FIELDS
) -> dict[str, str]:
    """The resident's contact `fields` of `request` for `user`, recorded as one view.

    Refuses (PermissionDenied, nothing recorded) anyone who may not open the request:
    residents, visitors, and department staff of another department.
    """
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    if not visible_requests(user).filter(pk=request.pk).exists():
        raise PermissionDenied(
            f"The contact details of request {request.public_id} are not open to you."
        )

    ContactDetailView.objects.create(
        user=user,
        username=user.get_username(),
        request=request,
        public_id=request.public_id,
        fields=",".join(fields),
        where=where,
        at=timezone.now(),
    )
    logger.info("contact details of request %s shown to user %s on %s", request.pk, user.pk, where)
    return {name: getattr(request, name) for name in fields}
