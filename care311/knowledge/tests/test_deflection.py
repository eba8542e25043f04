"""Each search is recorded, then settled: answered, filed a request, or gave up."""

from datetime import UTC, datetime, timedelta

import pytest

from care311.knowledge import deflection
from care311.knowledge.models import Outcome, SearchRecord

pytestmark = pytest.mark.django_db


def test_it_records_a_search_and_a_yes_as_satisfied(client, articles):
    client.get("/help/", {"q": "pothole"})
    record = SearchRecord.objects.get()

    response = client.post("/help/pothole-repair/answered/", {"answered": "yes"})

    record.refresh_from_db()
    assert response.status_code == 302
    assert (record.query, record.language, record.result_count) == ("pothole", "en", 2)
    assert record.outcome == Outcome.SATISFIED
    assert record.article == articles["pothole"]


def test_it_leaves_a_no_pending_so_filing_next_counts(client, articles):
    client.get("/help/", {"q": "pothole"})

    client.post("/help/pothole-repair/answered/", {"answered": "no"})

    assert SearchRecord.objects.get().outcome == Outcome.PENDING


def test_it_settles_a_search_once(articles):
    record = deflection.record_search("trash", "en", 1)

    assert deflection.record_answered(record.pk, articles["trash"]) is True
    assert deflection.record_answered(record.pk, articles["trash"]) is False


def test_it_marks_searches_left_for_half_an_hour_as_given_up(articles):
    old = deflection.record_search("trash", "en", 1)
    fresh = deflection.record_search("noise", "en", 0)
    SearchRecord.objects.filter(pk=old.pk).update(
        searched_at=datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    )
    now = datetime(2026, 1, 1, 12, 31, tzinfo=UTC)
    SearchRecord.objects.filter(pk=fresh.pk).update(searched_at=now - timedelta(minutes=5))

    assert deflection.close_abandoned_searches(now) == 1
    assert deflection.close_abandoned_searches(now) == 0
    assert SearchRecord.objects.get(pk=old.pk).outcome == Outcome.GAVE_UP
    assert SearchRecord.objects.get(pk=fresh.pk).outcome == Outcome.PENDING


def test_it_counts_outcomes_with_stale_searches_as_given_up(articles):
    now = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    for query, outcome, minutes_ago in [
        ("a", Outcome.SATISFIED, 60),
        ("b", Outcome.SATISFIED, 60),
        ("c", Outcome.FILED, 60),
        ("d", Outcome.PENDING, 45),
        ("e", Outcome.PENDING, 5),
    ]:
        SearchRecord.objects.create(
            query=query,
            language="en",
            result_count=1,
            outcome=outcome,
            searched_at=now - timedelta(minutes=minutes_ago),
        )

    counts = deflection.deflection(now - timedelta(days=1), now, now=now)

    assert counts == deflection.Deflection(searches=5, satisfied=2, filed=1, gave_up=1, pending=1)
    assert counts.rate == 0.5
