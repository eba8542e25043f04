"""The demo city's knowledge articles, kept as data in data/articles.json.

Each entry is one article in English and Spanish sharing a slug. Loading is idempotent:
articles are matched on slug and language and updated in place.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from care311.catalog.models import ServiceType
from care311.knowledge.models import Article

ARTICLES_FILE = Path(__file__).resolve().parent / "data" / "articles.json"
LANGUAGES = ("en", "es")


@transaction.atomic
def load_articles(path: Path = ARTICLES_FILE) -> int:
    """Create or update the demo's published articles; returns how many were loaded."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    services = {service.service_code: service for service in ServiceType.objects.all()}
    count = 0
    for entry in entries:
        related = [services[code] for code in entry["services"] if code in services]
        for language in LANGUAGES:
            text = entry[language]
            article, _ = Article.objects.update_or_create(
                slug=entry["slug"],
                language=language,
                defaults={
                    "title": text["title"],
                    "summary": text["summary"],
                    "body": text["body"],
                    "category": text["category"],
                    "keywords": text["keywords"],
                    "review_at": date.fromisoformat(entry["review_at"]),
                    "published": True,
                },
            )
            article.services.set(related)
            count += 1
    return count
