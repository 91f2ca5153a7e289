// The raw SQL of alert channels.
import type { Prisma } from '../../generated/prisma/client.ts';

/**
 * Holds, until the transaction ends, the org's lock on creating its assignee channel: two workers must not create two.
 */
export async function lockAssigneeChannel(tx: Prisma.TransactionClient, orgId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('faultline:assignee-channel'), ${orgId})`;
}
