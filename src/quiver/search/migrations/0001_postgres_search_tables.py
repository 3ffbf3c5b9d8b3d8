"""Tables of the PostgreSQL search engine. They exist only on PostgreSQL (embedded SQLite uses Tantivy)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE search_document (
        asset_id bigint PRIMARY KEY,
        title text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        keys text[] NOT NULL DEFAULT '{}',
        collection_ids bigint[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'published',
        owner_id bigint,
        created_by_id bigint,
        created_at timestamptz,
        updated_at timestamptz,
        head_tsv tsvector NOT NULL DEFAULT ''::tsvector,
        tsv tsvector NOT NULL DEFAULT ''::tsvector
    )""",
    "CREATE INDEX search_document_tsv ON search_document USING gin (tsv)",
    "CREATE INDEX search_document_keys ON search_document USING gin (keys)",
    "CREATE INDEX search_document_collections ON search_document USING gin (collection_ids)",
    "CREATE INDEX search_document_created ON search_document (created_at DESC)",
    "CREATE INDEX search_document_updated ON search_document (updated_at DESC)",
    """CREATE TABLE search_page (
        asset_id bigint NOT NULL REFERENCES search_document (asset_id) ON DELETE CASCADE
            DEFERRABLE INITIALLY DEFERRED,
        number integer NOT NULL,
        text text NOT NULL,
        tsv tsvector NOT NULL,
        PRIMARY KEY (asset_id, number)
    )""",
    "CREATE TABLE search_lexeme (word text PRIMARY KEY)",
    "CREATE INDEX search_lexeme_trgm ON search_lexeme USING gin (word gin_trgm_ops)",
    """CREATE AGGREGATE search_tsvector_agg(tsvector) (
        SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
    )""",
]
BACKWARD = [
    "DROP AGGREGATE IF EXISTS search_tsvector_agg(tsvector)",
    "DROP TABLE IF EXISTS search_lexeme",
    "DROP TABLE IF EXISTS search_page",
    "DROP TABLE IF EXISTS search_document",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
