"""Full-text search of published articles behind one interface, whatever the database.

SQLite ranks with FTS5's bm25 over the knowledge_article_fts table; PostgreSQL with ts_rank
over the weighted tsvector its GIN indexes hold (both made in migration 0002). Titles weigh
most, then keywords, then the body. Suggestions for misspelt words come from the titles and
keywords of published articles, by difflib's similarity, on either database.
"""

import difflib
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from care311.knowledge.models import Article

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12
POSTGRESQL_CONFIG = {"en": "english", "es": "spanish"}
# The same expression as the index in migration 0002, with the config as a parameter slot.
POSTGRESQL_VECTOR = (
    "setweight(to_tsvector('{config}', title), 'A') || "
    "setweight(to_tsvector('{config}', keywords), 'B') || "
    "setweight(to_tsvector('{config}', body), 'C')"
)


@dataclass(frozen=True)
class SearchResult:
    articles: list[Article]
    suggestion: str  # a respelt query worth offering ("did you mean"), or ""


def words_of(query: str) -> list[str]:
    return [word.lower() for word in WORD.findall(query)][:MAX_WORDS]


def published(language: str) -> QuerySet[Article]:
    return Article.objects.filter(language=language, published=True)


def search(query: str, language: str, *, limit: int = 10) -> SearchResult:
    """Published articles in `language` matching `query`, best first, and a suggestion when
    a word of the query is not one the articles use."""
    words = words_of(query)
    if not words:
        return SearchResult([], "")
    ranked_ids = _ranked_ids(words, language, limit)
    by_id = published(language).in_bulk(ranked_ids)
    articles = [by_id[pk] for pk in ranked_ids if pk in by_id]
    return SearchResult(articles, suggest(words, language))


def _ranked_ids(words: list[str], language: str, limit: int) -> list[int]:
    if connection.vendor == "postgresql":
        return _postgresql_ids(words, language, limit)
    return _sqlite_ids(words, language, limit)


def _sqlite_ids(words: list[str], language: str, limit: int) -> list[int]:
    # Each word quoted (so no FTS5 syntax gets through) and taken as a prefix, any of them
    # matching; bm25 puts articles matching more words, and in titles, first.
    match = " OR ".join(f'"{word}"*' for word in words)
    sql = (
        "SELECT a.id FROM knowledge_article_fts f JOIN knowledge_article a ON a.id = f.rowid "
        "WHERE knowledge_article_fts MATCH %s AND a.language = %s AND a.published "
        "ORDER BY bm25(knowledge_article_fts, 10.0, 5.0, 1.0), a.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, language, limit])
        return [row[0] for row in cursor.fetchall()]


def _postgresql_ids(words: list[str], language: str, limit: int) -> list[int]:
    config = POSTGRESQL_CONFIG.get(language, "simple")
    vector = POSTGRESQL_VECTOR.format(config=config)
    # Any word may match, as a prefix; ts_rank then orders by how many and where.
    terms = " | ".join(f"{word}:*" for word in words if word.isalnum())
    if not terms:
        return []
    sql = (
        f"SELECT id FROM knowledge_article, to_tsquery(%s::regconfig, %s) query "  # noqa: S608
        f"WHERE language = %s AND published AND ({vector}) @@ query "
        f"ORDER BY ts_rank({vector}, query) DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [config, terms, language, limit])
        return [row[0] for row in cursor.fetchall()]


def vocabulary(language: str) -> set[str]:
    """The words of published articles' titles and keywords in `language`."""
    words: set[str] = set()
    for title, keywords in published(language).values_list("title", "keywords"):
        words.update(words_of(f"{title} {keywords}"))
    return words


def suggest(words: list[str], language: str) -> str:
    """The query with each word the articles never use replaced by the closest one they do,
    or "" when every word is known or none has a close match."""
    known = vocabulary(language)
    respelt = []
    for word in words:
        if word in known or len(word) < 3 or word.isdigit():
            respelt.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        respelt.append(close[0] if close else word)
    return " ".join(respelt) if respelt != words else ""


def related(article: Article, *, limit: int = 4) -> list[Article]:
    """Other published articles in its language sharing a service type, then its category."""
    service_ids = list(article.services.values_list("id", flat=True))
    same_services = list(
        published(article.language)
        .filter(services__in=service_ids)
        .exclude(pk=article.pk)
        .distinct()
        .order_by("title")[:limit]
    )
    if len(same_services) >= limit:
        return same_services
    same_category = (
        published(article.language)
        .filter(category=article.category)
        .exclude(pk__in=[article.pk, *(other.pk for other in same_services)])
        .order_by("title")[: limit - len(same_services)]
    )
    return same_services + list(same_category)
