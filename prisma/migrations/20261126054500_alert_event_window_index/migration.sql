-- Alert frequency triggers count an issue's events (and distinct users) received in the last M minutes.
CREATE INDEX "Event_issueId_received_idx" ON "Event"("issueId", "received");
