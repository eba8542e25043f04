"""A misspelt search offers the words the articles use instead."""

import pytest

from care311.knowledge.search import search

pytestmark = pytest.mark.django_db


def test_it_suggests_the_closest_words_of_titles_and_keywords(articles):
    result = search("trahs pickp", "en")

    assert result.suggestion == "trash pickup"


def test_it_suggests_nothing_when_every_word_is_known(articles):
    assert search("pothole repair", "en").suggestion == ""


def test_it_suggests_in_the_language_searched(articles):
    assert search("baches", "es").suggestion == "bache"
    assert search("pavimneto", "es").suggestion == "pavimento"


def test_it_leaves_short_words_and_numbers_alone(articles):
    assert search("my 311 potole", "en").suggestion == "my 311 pothole"
