-- Issue 15: per-project quotas and retention, an org-wide cap, daily usage outcomes.

ALTER TABLE "Project" ADD COLUMN "rateLimitPerMinute" INTEGER,
                      ADD COLUMN "rateLimitPerDay" INTEGER,
                      ADD COLUMN "retentionDays" INTEGER;

ALTER TABLE "Organization" ADD COLUMN "rateLimitPerMinute" INTEGER;

-- Events counted per project and day by outcome (accepted, rate_limited, refused, client_discard) and reason.
CREATE TABLE "ProjectUsageDaily" (
    "projectId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "outcome" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "quantity" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "ProjectUsageDaily_pkey" PRIMARY KEY ("projectId", "day", "outcome", "category", "reason"),
    CONSTRAINT "ProjectUsageDaily_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
