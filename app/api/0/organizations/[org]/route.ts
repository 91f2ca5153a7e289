// One organization: detail (with the caller's role and access) and settings (name, slug, open membership).
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { updateOrg } from '@/lib/orgs/orgs';
import { effectiveScopes, serializeOrgDetail } from '@/lib/orgs/serialize';
import { db } from '@/lib/db';

export const GET = withAccess({ org: 'org:read' }, async ({ org, role, principal }) => {
  return json(serializeOrgDetail(org, role, effectiveScopes(role, principal.user.isSuperuser, principal.tokenScopes)));
});

const changes = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    slug: z.string().trim().max(50).optional(),
    openMembership: z.boolean().optional(),
  })
  .strip();

export const PUT = withAccess({ org: 'org:write' }, async ({ req, org, role, principal }) => {
  const updated = await updateOrg(db(), org.id, await parseBody(req, changes));
  return json(
    serializeOrgDetail(updated, role, effectiveScopes(role, principal.user.isSuperuser, principal.tokenScopes)),
  );
});

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');
