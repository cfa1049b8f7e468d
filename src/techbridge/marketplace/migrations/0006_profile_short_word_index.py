"""PostgreSQL only: find a search word of one or two letters or digits (AI, 5G, 3D, OT) without reading every
profile.

Such a word is too short for the trigram index, and as a substring it would be found inside most longer words
(ot in "rotor", "not", "both"): the list read every profile (about a second at 100,000 profiles) to return noise.
A word this short is matched as a whole word instead, on both databases: a run of one or two word characters
(letters, digits, underscore) with no word character on either side. This adds an immutable SQL function that
lists the distinct such words of a text, lower-cased, and a GIN index on that list for the searchable text of a
profile (marketplace.selectors.SEARCH_TEXT_SQL); `words @> ARRAY[lower(word)]` finds them. Words followed by
`":` are the keys of the translations (en, zh, ...), not text, and are left out.
"""

from django.db import migrations

FUNCTION = "techbridge_short_words"
INDEX = "marketplace_profile_search_short"
SEARCH_TEXT_SQL = "(title || ' ' || summary || ' ' || description || ' ' || translations::text)"

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT lower(m[1])), '{{}}'::text[])
  FROM regexp_matches(t, '\\m(\\w{{1,2}})\\M(?!":)', 'g') AS m
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON marketplace_profile USING gin ({FUNCTION}({SEARCH_TEXT_SQL}))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0005_profile_list_covering_index")]

    operations = [migrations.RunPython(forwards, backwards)]
