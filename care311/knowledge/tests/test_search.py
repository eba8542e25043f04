"""Full-text search ranks published articles of one language, on SQLite and PostgreSQL."""

import pytest

from care311.knowledge.models import Article
from care311.knowledge.search import search

pytestmark = pytest.mark.django_db


def titles(query, language="en"):
    return [article.title for article in search(query, language).articles]


def test_it_ranks_a_title_match_above_a_body_match(articles):
    assert titles("pothole") == [
        "How long does a pothole repair take?",
        "Who fixes broken sidewalks?",
    ]


def test_it_finds_words_by_their_beginning_and_stem(articles):
    assert titles("potholes") == titles("pothole")
    assert titles("recycl") == ["What goes in the recycling cart?"]


def test_it_finds_an_article_by_its_keywords(articles):
    assert titles("garbage") == ["When is my trash collected?"]


def test_it_leaves_out_drafts_and_other_languages(articles):
    assert "Pothole draft article" not in titles("pothole")
    assert titles("bache", "es") == ["¿Cuánto tarda la reparación de un bache?"]
    assert titles("bache", "en") == []


def test_it_takes_any_punctuation_without_error(articles):
    for query in ['"pothole', "pothole AND (", "pothole*", "NEAR(", "'; drop table", "-"]:
        search(query, "en")

    assert titles("   ") == []


def test_it_keeps_the_index_in_step_with_edits_and_deletes(articles):
    trash = articles["trash"]
    trash.title = "Bulky furniture collection"
    trash.save()

    assert titles("furniture") == ["Bulky furniture collection"]
    assert titles("when") == []

    Article.objects.filter(pk=trash.pk).delete()

    assert titles("furniture") == []
