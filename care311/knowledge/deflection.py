"""The deflection measure: each search, and whether the resident then found an answer, filed
a request, or gave up. A search with no outcome after ABANDONED_AFTER counts as given up."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from care311.knowledge.models import Article, Outcome, SearchRecord
from care311.service_requests.models import ServiceRequest

ABANDONED_AFTER = timedelta(minutes=30)


def record_search(query: str, language: str, result_count: int) -> SearchRecord:
    return SearchRecord.objects.create(
        query=query.strip()[:200],
        language=language,
        result_count=result_count,
        searched_at=timezone.now(),
    )


def _settle(search_id: int | None, outcome: str, **fields: object) -> bool:
    """Give a pending search its outcome; False when there is none pending with that id."""
    if search_id is None:
        return False
    with transaction.atomic():
        updated = SearchRecord.objects.filter(pk=search_id, outcome=Outcome.PENDING).update(
            outcome=outcome, outcome_at=timezone.now(), **fields
        )
    return updated == 1


def record_answered(search_id: int | None, article: Article) -> bool:
    return _settle(search_id, Outcome.SATISFIED, article=article)


def record_filed(search_id: int | None, request: ServiceRequest) -> bool:
    return _settle(search_id, Outcome.FILED, request=request)


def close_abandoned_searches(now: datetime | None = None) -> int:
    """Mark searches pending for longer than ABANDONED_AFTER as given up; returns how many.
    Idempotent: a second run finds nothing left to mark."""
    now = now or timezone.now()
    return SearchRecord.objects.filter(
        outcome=Outcome.PENDING, searched_at__lt=now - ABANDONED_AFTER
    ).update(outcome=Outcome.GAVE_UP, outcome_at=now)


@dataclass(frozen=True)
class Deflection:
    searches: int
    satisfied: int
    filed: int
    gave_up: int
    pending: int

    @property
    def rate(self) -> float | None:
        """Share of settled searches that ended with an answer and no request."""
        settled = self.satisfied + self.filed + self.gave_up
        return self.satisfied / settled if settled else None


def deflection(since: datetime, until: datetime, now: datetime | None = None) -> Deflection:
    """Counts of searches made in [since, until) by outcome, stale pending ones as given up."""
    now = now or timezone.now()
    searches = SearchRecord.objects.filter(searched_at__gte=since, searched_at__lt=until)
    counts = dict(searches.values_list("outcome").annotate(n=Count("id")).order_by())
    stale = searches.filter(outcome=Outcome.PENDING, searched_at__lt=now - ABANDONED_AFTER)
    stale_count = stale.count() if counts.get(Outcome.PENDING) else 0
    return Deflection(
        searches=sum(counts.values()),
        satisfied=counts.get(Outcome.SATISFIED, 0),
        filed=counts.get(Outcome.FILED, 0),
        gave_up=counts.get(Outcome.GAVE_UP, 0) + stale_count,
        pending=counts.get(Outcome.PENDING, 0) - stale_count,
    )
