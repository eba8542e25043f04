import pytest

from care311.knowledge.search import related

pytestmark = pytest.mark.django_db


def test_it_relates_articles_sharing_a_service_then_a_category(articles):
    assert related(articles["pothole"]) == [articles["sidewalk"]]
    assert related(articles["trash"]) == [articles["recycling"]]


def test_it_never_relates_drafts_or_other_languages(articles):
    assert articles["bache"] not in related(articles["pothole"])
    assert articles["draft"] not in related(articles["pothole"])
