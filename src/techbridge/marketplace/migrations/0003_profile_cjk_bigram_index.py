"""PostgreSQL only: find a two-character Chinese word (储能, 电池) without reading every profile.

A trigram index cannot serve a search word shorter than three characters, and two characters are the most
common length of a Chinese word. This adds an immutable SQL function that lists the distinct pairs of adjacent
Han characters in a text, and a GIN index on that list for the searchable text of a profile (the expression
marketplace.selectors.SEARCH_TEXT_SQL): a word of two Han characters occurs in a text exactly when it is one of
those pairs, so `bigrams @> ARRAY[word]` finds the same profiles as `ILIKE '%word%'`.

The pairs come from two non-overlapping passes (from the first character of every run of Han characters, then
from the second), which together give every adjacent pair of a run.
"""

from django.db import migrations

FUNCTION = "techbridge_han_bigrams"
INDEX = "marketplace_profile_search_han2"
SEARCH_TEXT_SQL = "(title || ' ' || summary || ' ' || description || ' ' || translations::text)"
HAN = "[\u3400-\u4dbf\u4e00-\u9fff]"

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT m[1]), '{{}}'::text[]) FROM (
    SELECT regexp_matches(t, '({HAN}{{2}})', 'g') AS m
    UNION ALL
    SELECT regexp_matches(regexp_replace(t, '(^|[^\u3400-\u4dbf\u4e00-\u9fff]){HAN}', '\\1', 'g'),
                          '({HAN}{{2}})', 'g')
  ) pairs
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
    dependencies = [("marketplace", "0002_profile_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
