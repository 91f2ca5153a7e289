// One alert rule: read, change (fields given replace the stored ones), delete.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { deleteRule, getRule, ruleUpdateSchema, serializeRule, updateRule } from '@/lib/alerts/ruleRecords';
import { db } from '@/lib/db';

type Params = { org: string; project: string; ruleId: string };

export const GET = route<Params>(async (req, params) => {
  const { project } = await projectAccess(await requirePrincipal(req), params.org, params.project, 'project:read');
  return json(serializeRule(await getRule(db(), project.id, params.ruleId)));
});

export const PUT = route<Params>(async (req, params) => {
  const { project } = await projectAccess(await requirePrincipal(req), params.org, params.project, 'project:write');
  return json(serializeRule(await updateRule(db(), project, params.ruleId, await parseBody(req, ruleUpdateSchema))));
});

export const DELETE = route<Params>(async (req, params) => {
  const { project } = await projectAccess(await requirePrincipal(req), params.org, params.project, 'project:write');
  await deleteRule(db(), project.id, params.ruleId);
  return new Response(null, { status: 204 });
});
