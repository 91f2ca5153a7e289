-- Two channels with one name cannot be told apart in rules and the delivery log: names are unique per organization.
-- Existing duplicates keep their name with the id appended, so nothing is lost.
UPDATE "AlertChannel" c SET "name" = c."name" || ' (' || c.id || ')'
WHERE EXISTS (SELECT 1 FROM "AlertChannel" o WHERE o."orgId" = c."orgId" AND lower(o."name") = lower(c."name") AND o.id < c.id);

CREATE UNIQUE INDEX "AlertChannel_orgId_name_key" ON "AlertChannel"("orgId", "name");
