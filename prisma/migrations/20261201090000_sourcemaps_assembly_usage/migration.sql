-- Issue 16, rest: assembly of uploaded bundles leaves the request. The assemble status row becomes the job: what to
-- assemble (chunks, projects, release, dist) and a lease any web replica or worker takes to advance it.
ALTER TABLE "AssembleStatus" ADD COLUMN "chunks" TEXT[] DEFAULT ARRAY[]::TEXT[],
                             ADD COLUMN "projectIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
                             ADD COLUMN "version" TEXT,
                             ADD COLUMN "dist" TEXT,
                             ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
                             ADD COLUMN "leaseUntil" TIMESTAMP(3);

-- The worker's sweep of assemblies nobody is advancing.
CREATE INDEX "AssembleStatus_state_leaseUntil_idx" ON "AssembleStatus"("state", "leaseUntil");

-- When the worker last resolved a frame with the bundle, null until then (the old default claimed a use at upload).
ALTER TABLE "ArtifactBundle" ALTER COLUMN "lastUsedAt" DROP NOT NULL,
                             ALTER COLUMN "lastUsedAt" DROP DEFAULT;
UPDATE "ArtifactBundle" SET "lastUsedAt" = NULL;
