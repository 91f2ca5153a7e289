// One alert channel: read (secrets masked), change (masked secrets sent back are kept), delete.
import { route, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { channelUpdateSchema, deleteChannel, getChannel, serializeChannel, updateChannel } from '@/lib/alerts/channelRecords';
import { db } from '@/lib/db';

type Params = { org: string; channelId: string };

export const GET = route<Params>(async (req, params) => {
  const { org } = await orgAccess(await requirePrincipal(req), params.org, 'org:read');
  return json(serializeChannel(await getChannel(db(), org.id, params.channelId)));
});

export const PUT = route<Params>(async (req, params) => {
  const { org } = await orgAccess(await requirePrincipal(req), params.org, 'org:write');
  return json(serializeChannel(await updateChannel(db(), org.id, params.channelId, await parseBody(req, channelUpdateSchema))));
});

export const DELETE = route<Params>(async (req, params) => {
  const { org } = await orgAccess(await requirePrincipal(req), params.org, 'org:write');
  await deleteChannel(db(), org.id, params.channelId);
  return new Response(null, { status: 204 });
});
