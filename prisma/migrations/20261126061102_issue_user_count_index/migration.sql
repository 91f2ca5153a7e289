-- The issue list sorted by "users affected" (sort=user), like the other sorts, walks an index.
CREATE INDEX "Issue_projectId_userCount_idx" ON "Issue"("projectId", "userCount" DESC);
