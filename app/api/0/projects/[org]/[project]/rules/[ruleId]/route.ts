// One alert rule: read, change (fields given replace the stored ones), delete.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ALERT_SCOPES } from '@/lib/auth/scopes';
import { deleteRule, getRule, ruleUpdateSchema, serializeRule, updateRule } from '@/lib/alerts/ruleRecords';
import { db } from '@/lib/db';

export const GET = withAccess({ project: ALERT_SCOPES.ruleRead }, async ({ params, project }) => {
  return json(serializeRule(await getRule(db(), project.id, params.ruleId)));
});

export const PUT = withAccess({ project: ALERT_SCOPES.ruleWrite }, async ({ req, params, project }) => {
  return json(serializeRule(await updateRule(db(), project, params.ruleId, await parseBody(req, ruleUpdateSchema))));
});

export const DELETE = withAccess({ project: ALERT_SCOPES.ruleWrite }, async ({ params, project }) => {
  await deleteRule(db(), project.id, params.ruleId);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
