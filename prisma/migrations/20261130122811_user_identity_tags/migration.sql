-- Issue search by any user identity (`user.email:` also when the SDK sent an id) and tag-key/value lookups across
-- projects (unknown-key check, search autocomplete) need IssueTagValue reachable by key and value.
CREATE INDEX "IssueTagValue_key_value_idx" ON "IssueTagValue"("key", "value");

-- Backfill the per-field identity tags the digest now writes for every event (lib/events/user.ts userIdentityTags).
INSERT INTO "IssueTagValue" ("issueId", "key", "value", "count", "firstSeen", "lastSeen")
SELECT e."issueId", f.key, left(f.value, 200), COUNT(*), MIN(e."timestamp"), MAX(e."timestamp")
FROM "Event" e
CROSS JOIN LATERAL (VALUES
  ('user.id', e.data->'user'->>'id'),
  ('user.email', e.data->'user'->>'email'),
  ('user.username', e.data->'user'->>'username'),
  ('user.ip', e.data->'user'->>'ip_address')
) AS f(key, value)
WHERE e.data ? 'user' AND f.value IS NOT NULL AND f.value <> ''
GROUP BY e."issueId", f.key, left(f.value, 200)
ON CONFLICT ("issueId", "key", "value") DO NOTHING;
