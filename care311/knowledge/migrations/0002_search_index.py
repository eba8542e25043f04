"""The full-text index of articles: an FTS5 table kept in sync by triggers on SQLite, GIN
indexes over weighted tsvectors (one per language, with its stemmer) on PostgreSQL."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE knowledge_article_fts USING fts5(
        title, keywords, body, content='knowledge_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER knowledge_article_fts_insert AFTER INSERT ON knowledge_article BEGIN
        INSERT INTO knowledge_article_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END""",
    """CREATE TRIGGER knowledge_article_fts_delete AFTER DELETE ON knowledge_article BEGIN
        INSERT INTO knowledge_article_fts(knowledge_article_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
    END""",
    """CREATE TRIGGER knowledge_article_fts_update AFTER UPDATE ON knowledge_article BEGIN
        INSERT INTO knowledge_article_fts(knowledge_article_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
        INSERT INTO knowledge_article_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END""",
    "INSERT INTO knowledge_article_fts(knowledge_article_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER knowledge_article_fts_update",
    "DROP TRIGGER knowledge_article_fts_delete",
    "DROP TRIGGER knowledge_article_fts_insert",
    "DROP TABLE knowledge_article_fts",
]


def postgresql_vector(config: str) -> str:
    # Must match care311.knowledge.search.POSTGRESQL_VECTOR, or the planner skips the index.
    return (
        f"setweight(to_tsvector('{config}', title), 'A') || "
        f"setweight(to_tsvector('{config}', keywords), 'B') || "
        f"setweight(to_tsvector('{config}', body), 'C')"
    )


POSTGRESQL = [
    f"CREATE INDEX knowledge_article_search_{language} ON knowledge_article "
    f"USING GIN (({postgresql_vector(config)})) WHERE language = '{language}'"
    for language, config in (("en", "english"), ("es", "spanish"))
]
POSTGRESQL_REVERSE = [
    f"DROP INDEX knowledge_article_search_{language}" for language in ("en", "es")
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}[
        schema_editor.connection.vendor
    ]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
