"""Every change the desk makes: contacts, their requests, presence and desk sessions.

Each action runs in a transaction. Changes to a request itself go through
care311/service_requests/actions.py (which writes its history event); the desk adds only the
contact's side: the link between the contact and the request.
"""

import hashlib
import json
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from care311.catalog.models import ServiceType
from care311.desk.models import (
    Contact,
    ContactChannel,
    ContactOutcome,
    ContactRequest,
    DeskSession,
    Direction,
    Link,
    Presence,
    PresenceInterval,
)
from care311.desk.network import location_of
from care311.desk.phones import BadNumber, is_e164, normalise_number, number_variants
from care311.knowledge.models import Article
from care311.notifications.messages import send_filed_confirmation
from care311.notifications.responses import track_url
from care311.portal import once
from care311.service_requests import actions as request_actions
from care311.service_requests.actions import ActionError
from care311.service_requests.models import Channel, Follower, ServiceRequest

# The request channel a contact's channel files under (requests know no chat or social).
REQUEST_CHANNEL = {
    ContactChannel.PHONE: Channel.PHONE,
    ContactChannel.EMAIL: Channel.EMAIL,
    ContactChannel.WALK_IN: Channel.WALK_IN,
    ContactChannel.CHAT: Channel.WEB,
    ContactChannel.SOCIAL: Channel.WEB,
}
USER_AGENT_MAX = 300
REASON_MAX = PresenceInterval._meta.get_field("reason").max_length or 200


@transaction.atomic
def set_presence(
    user: User, state: str, *, by: User, reason: str = "", now: datetime | None = None
) -> PresenceInterval | None:
    """Close the agent's open interval and open one in `state` at the same instant.

    Setting the state the agent is already in (with the same reason) changes nothing and
    returns the open interval. Offline closes the open interval and opens none.
    """
    if state not in Presence.values:
        raise ActionError(f"unknown presence state {state!r}")
    reason = reason.strip() if state == Presence.BREAK else ""
    if state == Presence.BREAK:
        _check_break_reason(reason)
    now = now or timezone.now()

    # Locking the user's row serialises two changes of one agent's presence.
    User.objects.select_for_update().filter(pk=user.pk).first()
    current = PresenceInterval.objects.filter(user=user, ended_at__isnull=True).first()
    if current is not None and (current.state, current.reason) == (state, reason):
        return current

    if current is not None:
        current.ended_at = max(now, current.started_at)
        current.save(update_fields=["ended_at"])
    if state == Presence.OFFLINE:
        return None
    return PresenceInterval.objects.create(user=user, state=state, reason=reason, started_at=now)


def _check_break_reason(reason: str) -> None:
    if not reason:
        raise ActionError("a break needs a reason")
    if len(reason) > REASON_MAX:
        raise ActionError(f"a break reason has at most {REASON_MAX} characters, not {len(reason)}")
    if "\x00" in reason:
        raise ActionError("a break reason cannot hold a NUL character")


# The states an agent picks for themselves; the others follow their contacts.
CHOSEN_STATES = (Presence.AVAILABLE, Presence.BREAK, Presence.OFFLINE)


@transaction.atomic
def choose_presence(
    user: User, state: str, *, reason: str = "", now: datetime | None = None
) -> PresenceInterval | None:
    """The agent sets their own presence: available, on break or offline, never in the middle
    of a contact (its wrap-up makes them available)."""
    if state not in CHOSEN_STATES:
        raise ActionError(f"choose available, break or offline, not {state!r}")
    User.objects.select_for_update().filter(pk=user.pk).first()
    open_contact = Contact.objects.filter(agent=user, wrapped_up_at__isnull=True).first()
    if open_contact is not None:
        raise ActionError(f"wrap up contact {open_contact.pk} first")
    return set_presence(user, state, by=user, reason=reason, now=now)


@transaction.atomic
def start_contact(
    *,
    agent: User,
    channel: str,
    caller_number: str = "",
    caller_name: str = "",
    direction: str = Direction.INBOUND,
    language: str = "en",
    now: datetime | None = None,
) -> Contact:
    """Open a contact for `agent` and put them on contact.

    The same caller popping up again while the agent's contact with them is still open
    resumes that contact (a reloaded screen-pop is not a second call); another open contact
    must be wrapped up first.
    """
    if channel not in ContactChannel.values:
        raise ActionError(f"unknown channel {channel!r}")
    if direction not in Direction.values:
        raise ActionError(f"unknown direction {direction!r}")
    try:
        number = normalise_number(caller_number)
    except BadNumber as bad:
        raise ActionError(str(bad)) from None
    now = now or timezone.now()

    User.objects.select_for_update().filter(pk=agent.pk).first()
    open_contact = Contact.objects.filter(agent=agent, wrapped_up_at__isnull=True).first()
    if open_contact is not None:
        if open_contact.caller_number == number and open_contact.ended_at is None:
            return open_contact
        raise ActionError(f"wrap up contact {open_contact.pk} before starting another")

    contact = Contact.objects.create(
        channel=channel,
        direction=direction,
        caller_number=number,
        caller_name=caller_name.strip()[:200],
        language=language,
        agent=agent,
        started_at=now,
    )
    set_presence(agent, Presence.ON_CONTACT, by=agent, now=now)
    return contact


def _open_contact(contact: Contact) -> Contact:
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.wrapped_up_at is not None:
        raise ActionError(f"contact {locked.pk} is already wrapped up")
    return locked


def _link(contact: Contact, request: ServiceRequest, link: str, now: datetime) -> ContactRequest:
    found, _created = ContactRequest.objects.get_or_create(
        contact=contact, request=request, defaults={"link": link, "linked_at": now}
    )
    return found


@transaction.atomic
def file_request_for_contact(
    contact: Contact,
    *,
    service: ServiceType,
    by: User,
    description: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    address: str = "",
    answers: dict | None = None,
    reporter_name: str = "",
    send_updates: bool = False,
) -> ServiceRequest:
    """File a request on the caller's behalf, with the caller's number as the reporter's, and
    link it to the contact. With `send_updates` the caller gets text updates at that number.

    Filing the same service, place, description and answers again for the contact (the form
    sent twice) returns the request already filed, as the portal's filing form does.
    """
    locked = _open_contact(contact)
    number = locked.caller_number if is_e164(locked.caller_number) else ""

    def create() -> ServiceRequest:
        request = request_actions.create_request(
            service=service,
            channel=REQUEST_CHANNEL[ContactChannel(locked.channel)],
            by=by,
            description=description,
            answers=answers,
            reporter_name=reporter_name or locked.caller_name,
            reporter_phone=number,
            latitude=latitude,
            longitude=longitude,
            address=address,
        )
        if send_updates and number:
            request_actions.follow_request(
                request, by=by, me_too=False, notify=True, phone=number, language=locked.language
            )
            # The tracking number by text, as a resident filing on the portal gets it.
            send_filed_confirmation(
                request,
                email="",
                phone=number,
                language=locked.language,
                track_url=track_url(request.public_id),
            )
        _link(locked, request, Link.FILED, timezone.now())
        return request

    filed_as = [description, latitude, longitude, address, answers]
    filed, _made = once.file_once(_filing_key(locked, service, filed_as), create)
    return filed


def _filing_key(contact: Contact, service: ServiceType, filed: list) -> str:
    """The contact and what is filed, as a key of the portal's length: the same again is the
    same filing, whatever name or update choice came with it."""
    summary = json.dumps([contact.pk, service.service_code, filed], sort_keys=True, default=str)
    prefix = "desk-"
    return prefix + hashlib.sha256(summary.encode()).hexdigest()[: once.KEY_MAX - len(prefix)]


class AlreadyFollowing(ActionError):
    """The caller already counts as affected by the request: nothing was written."""


@transaction.atomic
def add_caller_to_request(
    contact: Contact, request: ServiceRequest, *, by: User, send_updates: bool = False
) -> Follower:
    """The caller has the same problem as an open request: count them as affected (a me-too
    follower with their number) and link the request to the contact.

    A caller who already counts as affected raises AlreadyFollowing and changes nothing (a
    second public "followed" event would say one more resident is affected).
    """
    locked = _open_contact(contact)
    if request.is_closed:
        raise ActionError(f"request {request.public_id} is {request.status}; file a new one")
    if not is_e164(locked.caller_number):
        raise ActionError("the caller withheld their number; file a request instead")
    variants = number_variants(locked.caller_number)
    if Follower.objects.filter(request=request, phone__in=variants, me_too=True).exists():
        raise AlreadyFollowing(f"the caller already follows request {request.public_id}")

    follower = request_actions.follow_request(
        request,
        by=by,
        me_too=True,
        notify=send_updates,
        phone=locked.caller_number,
        language=locked.language,
    )
    _link(locked, request, Link.FOLLOWED, timezone.now())
    return follower


@transaction.atomic
def link_request_to_contact(
    contact: Contact, request: ServiceRequest, *, by: User
) -> ContactRequest:
    """The contact was about `request` (the caller asked after it); nothing on it changes."""
    return _link(_open_contact(contact), request, Link.DISCUSSED, timezone.now())


@transaction.atomic
def use_article(contact: Contact, article: Article, *, by: User) -> Contact:
    """The agent answered from `article`: the contact's outcome so far is information given."""
    locked = _open_contact(contact)
    locked.article = article
    if not locked.outcome:
        locked.outcome = ContactOutcome.INFORMATION_GIVEN
    locked.save(update_fields=["article", "outcome"])
    return locked


@transaction.atomic
def end_contact(contact: Contact, *, by: User, now: datetime | None = None) -> Contact:
    """The conversation is over: the agent goes into wrap-up."""
    locked = _open_contact(contact)
    if locked.ended_at is not None:
        return locked
    locked.ended_at = now or timezone.now()
    locked.save(update_fields=["ended_at"])
    set_presence(locked.agent, Presence.WRAP_UP, by=by, now=locked.ended_at)
    return locked


@transaction.atomic
def wrap_up_contact(
    contact: Contact,
    *,
    outcome: str,
    by: User,
    notes: str = "",
    article: Article | None = None,
    agency: str = "",
    now: datetime | None = None,
) -> Contact:
    """Record how the contact ended and make the agent available again."""
    if outcome not in ContactOutcome.values:
        raise ActionError(
            "choose how the contact ended" if not outcome else f"unknown outcome {outcome!r}"
        )
    agency = agency.strip()
    if outcome == ContactOutcome.REFERRED and not agency:
        raise ActionError("name the agency the caller was referred to")
    locked = _open_contact(contact)
    if outcome == ContactOutcome.INFORMATION_GIVEN and article is None and locked.article is None:
        raise ActionError("say which knowledge article the information came from")
    needs_request = outcome in (ContactOutcome.REQUEST_CREATED, ContactOutcome.REQUEST_UPDATED)
    if needs_request and not locked.links.exists():
        raise ActionError("no request is linked to this contact yet")

    now = now or timezone.now()
    locked.outcome = outcome
    locked.notes = notes.strip()
    locked.article = article or locked.article
    locked.agency = agency if outcome == ContactOutcome.REFERRED else ""
    locked.ended_at = locked.ended_at or now
    locked.wrapped_up_at = max(now, locked.ended_at)
    locked.save()
    set_presence(locked.agent, Presence.AVAILABLE, by=by, now=locked.wrapped_up_at)
    return locked


def session_key_hash(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


@transaction.atomic
def heartbeat(
    *,
    user: User,
    session_key: str,
    ip: str | None,
    user_agent: str = "",
    now: datetime | None = None,
) -> DeskSession:
    """This browser's desk is open now: start its desk session or mark it alive, noting where
    it runs from (the latest address, since a laptop can move between networks)."""
    now = now or timezone.now()
    key = session_key_hash(session_key)
    fields = {
        "last_heartbeat_at": now,
        "ip": ip or None,
        "location": location_of(ip),
        "user_agent": user_agent[:USER_AGENT_MAX],
        "ended_at": None,
    }
    session, created = DeskSession.objects.select_for_update().get_or_create(
        session_key_hash=key, defaults={"user": user, "started_at": now, **fields}
    )
    if session.user_id != user.pk:
        raise ActionError("this session belongs to another user")
    if not created:
        for name, value in fields.items():
            setattr(session, name, value)
        session.save(update_fields=list(fields))
    return session


@transaction.atomic
def end_desk_session(*, user: User, session_key: str, now: datetime | None = None) -> None:
    """The agent signed out: their desk session ends and they go offline."""
    now = now or timezone.now()
    DeskSession.objects.filter(
        session_key_hash=session_key_hash(session_key), user=user, ended_at__isnull=True
    ).update(ended_at=now)
    set_presence(user, Presence.OFFLINE, by=user, now=now)
