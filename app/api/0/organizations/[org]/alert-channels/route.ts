// An organization's alert channels (email, DingTalk, WeCom, Feishu, Slack, webhook): list and create.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { channelInputSchema, createChannel, listChannels, serializeChannel } from '@/lib/alerts/channelRecords';
import { db } from '@/lib/db';

type Params = { org: string };

export const GET = route<Params>(async (req, params) => {
  const { org } = await orgAccess(await requirePrincipal(req), params.org, 'org:read');
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listChannels(db(), org.id, offset, take));
  return json(rows.map(serializeChannel), { headers });
});

export const POST = route<Params>(async (req, params) => {
  const { org } = await orgAccess(await requirePrincipal(req), params.org, 'org:write');
  const channel = await createChannel(db(), org.id, await parseBody(req, channelInputSchema));
  return json(serializeChannel(channel), { status: 201 });
});
