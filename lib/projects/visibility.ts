// Which of an organization's projects a principal may see: all with open membership or admin+, else their teams'.
import { db } from '../db.ts';
import type { Principal } from '../auth/access.ts';
import type { RoleName } from '../auth/roles.ts';

export async function visibleProjectIds(p: Principal, orgId: number, role: RoleName | null): Promise<number[]> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
  if (p.user.isSuperuser || org.openMembership || (role && role !== 'member')) {
    return (await db().project.findMany({ where: { orgId }, select: { id: true } })).map((r) => r.id);
  }
  const rows = await db().project.findMany({
    where: { orgId, teams: { some: { team: { members: { some: { userId: p.user.id } } } } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
