"""Contacts joined with requests: how often residents get in touch about one request, how
often they call again about one still open, what they ask that ends as information given
(by the knowledge article the answer came from: those without one are candidates for a new
article), and how much of the work residents file themselves, by channel, over time."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from care311.analytics.charts import Table, percent
from care311.analytics.performance import figures as f
from care311.analytics.performance.dashboard import bucket_of
from care311.analytics.scope import Scope
from care311.desk.models import Contact, ContactOutcome, ContactRequest, Link
from care311.service_requests.models import Channel

SELF_SERVICE = (Channel.WEB, Channel.APP, Channel.OPEN311)
TOP_REASONS = 10


@dataclass
class ContactFigures:
    contacts: int
    per_request: Table
    repeat_open: int
    repeat_requests: int
    reasons: Table
    self_service: Table


def scoped_contacts(scope: Scope) -> QuerySet[Contact]:
    """The period's contacts; for one department or service, those about its requests."""
    contacts = Contact.objects.filter(
        started_at__gte=scope.window.start, started_at__lt=scope.window.stop
    )
    if scope.department is not None or scope.service is not None:
        contacts = contacts.filter(links__request__in=scope.requests.values("pk")).distinct()
    return contacts


def repeat_links(scope: Scope) -> QuerySet[ContactRequest]:
    """Contacts in the period about a request received earlier and still open then (not the
    contact that filed it)."""
    w = scope.window
    still_open = Q(request__closed_at__isnull=True) & ~Q(request__status__in=f.CLOSED_STATUSES)
    return ContactRequest.objects.filter(
        ~Q(link=Link.FILED),
        Q(contact__started_at__gte=w.start, contact__started_at__lt=w.stop),
        Q(request__requested_at__lt=F("contact__started_at")),
        still_open | Q(request__closed_at__gt=F("contact__started_at")),
        request__in=scope.requests.values("pk"),
    )


def contact_figures(scope: Scope) -> ContactFigures:
    repeats = repeat_links(scope)
    return ContactFigures(
        contacts=scoped_contacts(scope).count(),
        per_request=per_request(scope),
        repeat_open=repeats.count(),
        repeat_requests=repeats.values("request").distinct().count(),
        reasons=reasons(scope),
        self_service=self_service(scope),
    )


def per_request(scope: Scope) -> Table:
    """Requests received in the period by how many contacts they had (any time)."""
    received = scope.requests.filter(f.received(scope.window)).order_by()
    linked = (
        ContactRequest.objects.filter(request__in=received.values("pk"))
        .order_by()
        .values("request")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    spread = {0: 0, 1: 0, 2: 0, 3: 0}
    for n in linked:
        spread[min(n, 3)] += 1
    spread[0] = received.count() - sum(spread.values())
    table = Table(_("Contacts per request"), [_("Contacts"), _("Requests")])
    for n, label in ((0, "0"), (1, "1"), (2, "2"), (3, "3+")):
        table.add(label, spread[n], key=n)
    return table


def reasons(scope: Scope) -> Table:
    given = scoped_contacts(scope).filter(outcome=ContactOutcome.INFORMATION_GIVEN)
    rows = (
        given.order_by()
        .values("article__title")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "article__title")[:TOP_REASONS]
    )
    table = Table(
        _("Information given, by knowledge article"), [_("Knowledge article"), _("Contacts")]
    )
    for row in rows:
        table.add(row["article__title"] or _("(no article: a candidate for one)"), row["n"])
    return table


def self_service(scope: Scope) -> Table:
    """Requests received per trend bucket and channel, and the share residents filed
    themselves (web, app, Open311 clients)."""
    periods = scope.choice.trend()
    start, stop = periods[0].bounds()[0], periods[-1].bounds()[1]
    rows = (
        scope.requests.filter(f.received(f.Window(start, stop)))
        .order_by()
        .annotate(bucket=bucket_of("requested_at", periods))
        .values("bucket", "channel")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[int, str], int] = {(r["bucket"], r["channel"]): r["n"] for r in rows}
    channels = [value for value, _label in Channel.choices]
    seen = [c for c in channels if any(key[1] == c for key in counts)]
    labels = dict(Channel.choices)
    table = Table(
        _("Self-service share by channel"),
        [_("Period"), *[str(labels[c]) for c in seen], _("Self-service (%)")],
    )
    for index, period in enumerate(periods):
        values = [counts.get((index, c), 0) for c in seen]
        total = sum(values)
        own = sum(counts.get((index, c), 0) for c in SELF_SERVICE)
        table.add(
            scope.choice.label(period),
            *values,
            percent(own / total) if total else None,
            key=period,
        )
    return table
