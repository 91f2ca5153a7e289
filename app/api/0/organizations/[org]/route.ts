// One organization: detail (with the caller's role and access) and settings (name, slug, open membership).
import { z } from 'zod';
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { updateOrg } from '@/lib/orgs/orgs';
import { effectiveScopes, serializeOrgDetail } from '@/lib/orgs/serialize';
import { db } from '@/lib/db';

type Params = { org: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  return json(serializeOrgDetail(org, role, effectiveScopes(role, p.user.isSuperuser, p.tokenScopes)));
});

const changes = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    slug: z.string().trim().max(50).optional(),
    openMembership: z.boolean().optional(),
  })
  .strip();

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:write');
  const updated = await updateOrg(db(), org.id, await parseBody(req, changes));
  return json(serializeOrgDetail(updated, role, effectiveScopes(role, p.user.isSuperuser, p.tokenScopes)));
});
