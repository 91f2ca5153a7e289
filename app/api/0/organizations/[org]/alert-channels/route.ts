// An organization's alert channels (email, DingTalk, WeCom, Feishu, Slack, webhook): list and create.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ALERT_SCOPES } from '@/lib/auth/scopes';
import { paginate } from '@/lib/api/pagination';
import { channelInputSchema, createChannel, listChannels, serializeChannel } from '@/lib/alerts/channelRecords';
import { db } from '@/lib/db';

export const GET = withAccess({ org: ALERT_SCOPES.channelRead }, async ({ req, org }) => {
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) =>
    listChannels(db(), org.id, offset, take),
  );
  return json(rows.map(serializeChannel), { headers });
});

export const POST = withAccess({ org: ALERT_SCOPES.channelWrite }, async ({ req, org }) => {
  const channel = await createChannel(db(), org.id, await parseBody(req, channelInputSchema));
  return json(serializeChannel(channel), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
