// A project's alert rules: list and create.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ALERT_SCOPES } from '@/lib/auth/scopes';
import { paginate } from '@/lib/api/pagination';
import { createRule, listRules, ruleInputSchema, serializeRule } from '@/lib/alerts/ruleRecords';
import { db } from '@/lib/db';

export const GET = withAccess({ project: ALERT_SCOPES.ruleRead }, async ({ req, project }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listRules(db(), project.id, offset, take),
  );
  return json(rows.map(serializeRule), { headers });
});

export const POST = withAccess({ project: ALERT_SCOPES.ruleWrite }, async ({ req, project }) => {
  const rule = await createRule(db(), project, await parseBody(req, ruleInputSchema));
  return json(serializeRule(rule), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
