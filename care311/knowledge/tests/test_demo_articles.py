import pytest

from care311.demo.articles import load_articles
from care311.demo.catalog import load_catalog
from care311.knowledge.models import Article
from care311.knowledge.search import search

pytestmark = pytest.mark.django_db


def test_it_loads_every_demo_article_in_english_and_spanish_once():
    load_catalog()

    assert load_articles() == 86
    assert load_articles() == 86
    assert Article.objects.filter(published=True, language="en").count() == 43
    assert Article.objects.filter(published=True, language="es").count() == 43
    bulky = Article.objects.get(slug="bulky-waste-pickup", language="es")
    assert list(bulky.services.values_list("service_code", flat=True)) == ["SAN-BULKY"]


def test_it_answers_real_questions_from_the_demo_articles():
    load_catalog()
    load_articles()

    assert search("when is trash day", "en").articles[0].slug == "trash-collection-day"
    assert search("couch mattress", "en").articles[0].slug == "bulky-waste-pickup"
    assert search("perro ladrando", "es").articles[0].slug == "barking-dog"
