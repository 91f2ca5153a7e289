-- Issue 15 (storage): the tags of an event are kept once, in its payload. The "tags" column repeated the tags of
-- the payload beside the derived ones (~290 bytes a row). The derived ones now follow the own ones in data->tags,
-- as the digest writes them (lib/digest/prepareEvent.ts), in the order of DERIVED_TAG_KEYS (lib/events/tags.ts).
-- "platform" and "dist" repeated payload fields that no query or index reads.
-- The backfill rewrites each row once. The space of the old row versions is reused after (auto)vacuum.
-- No semicolon may appear but at the end of a statement: the migration adapter splits the script on every one.
ALTER TABLE "Event" ALTER COLUMN "tags" DROP NOT NULL;

UPDATE "Event" e
SET "data" = jsonb_set(e."data", '{tags}', own.pairs || coalesce((
      SELECT jsonb_agg(jsonb_build_array(t.key, t.value) ORDER BY array_position(ARRAY[
        'level', 'environment', 'release', 'dist', 'server_name', 'transaction', 'url', 'user', 'browser',
        'browser.name', 'os', 'os.name', 'runtime', 'device', 'handled', 'mechanism'], t.key), t.key)
      FROM jsonb_each_text(e."tags") t
      WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(own.pairs) p WHERE p->>0 = t.key)
    ), '[]'::jsonb)),
    -- NULL, so the rewritten rows keep no bytes of the dropped columns.
    "tags" = NULL, "platform" = NULL, "dist" = NULL
FROM (SELECT id, CASE WHEN jsonb_typeof("data"->'tags') = 'array' THEN "data"->'tags' ELSE '[]'::jsonb END AS pairs
      FROM "Event") own
WHERE own.id = e.id;

ALTER TABLE "Event" DROP COLUMN "tags", DROP COLUMN "platform", DROP COLUMN "dist";
