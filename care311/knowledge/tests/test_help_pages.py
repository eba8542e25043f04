"""The knowledge base pages: topics, results, an article, in English and Spanish."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_published_articles_by_topic(client, articles):
    html = client.get("/help/").content.decode()

    assert "Trash and recycling" in html
    assert 'href="/help/trash-day/"' in html
    assert "Pothole draft article" not in html


def test_it_shows_ranked_results_and_a_suggestion(client, articles):
    html = client.get("/help/", {"q": "pothol repar"}).content.decode()

    assert html.index("How long does a pothole repair take?") < html.index("Who fixes broken")
    assert '<a href="?q=pothole%20repair">pothole repair</a>' in html
    assert 'href="/report/?q=pothol%20repar"' in html


def test_it_shows_an_article_with_related_ones_and_its_service(client, articles):
    html = client.get("/help/pothole-repair/").content.decode()

    assert "<h1>How long does a pothole repair take?</h1>" in html
    assert "<p>Crews patch most holes within three working days.</p>" in html
    assert 'href="/help/sidewalk/"' in html
    assert 'href="/report/where/?service=STR-POTHOLE"' in html
    assert "Did this answer your question?" in html


def test_it_shows_the_spanish_article_to_a_spanish_reader(client, articles):
    client.cookies["django_language"] = "es"

    html = client.get("/help/pothole-repair/").content.decode()

    assert "<h1>¿Cuánto tarda la reparación de un bache?</h1>" in html
    assert "¿Le respondió esto su pregunta?" in html


def test_it_falls_back_to_english_marked_as_english(client, articles):
    client.cookies["django_language"] = "es"

    html = client.get("/help/trash-day/").content.decode()

    assert '<article lang="en">' in html
    assert "When is my trash collected?" in html


def test_it_answers_404_for_a_draft_or_unknown_article(client, articles):
    assert client.get("/help/draft-pothole/").status_code == 404
    assert client.get("/help/no-such-thing/").status_code == 404
