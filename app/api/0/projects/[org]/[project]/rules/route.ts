// A project's alert rules: list and create.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { createRule, listRules, ruleInputSchema, serializeRule } from '@/lib/alerts/ruleRecords';
import { db } from '@/lib/db';

type Params = { org: string; project: string };

export const GET = route<Params>(async (req, params) => {
  const { project } = await projectAccess(await requirePrincipal(req), params.org, params.project, 'project:read');
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listRules(db(), project.id, offset, take));
  return json(rows.map(serializeRule), { headers });
});

export const POST = route<Params>(async (req, params) => {
  const { project } = await projectAccess(await requirePrincipal(req), params.org, params.project, 'project:write');
  const rule = await createRule(db(), project, await parseBody(req, ruleInputSchema));
  return json(serializeRule(rule), { status: 201 });
});
