// One alert channel: read (secrets masked), change (masked secrets sent back are kept), delete.
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ALERT_SCOPES } from '@/lib/auth/scopes';
import {
  channelUpdateSchema,
  deleteChannel,
  getChannel,
  serializeChannel,
  updateChannel,
} from '@/lib/alerts/channelRecords';
import { db } from '@/lib/db';

export const GET = withAccess({ org: ALERT_SCOPES.channelRead }, async ({ params, org }) => {
  return json(serializeChannel(await getChannel(db(), org.id, params.channelId)));
});

export const PUT = withAccess({ org: ALERT_SCOPES.channelWrite }, async ({ req, params, org }) => {
  return json(
    serializeChannel(await updateChannel(db(), org.id, params.channelId, await parseBody(req, channelUpdateSchema))),
  );
});

export const DELETE = withAccess({ org: ALERT_SCOPES.channelWrite }, async ({ params, org }) => {
  await deleteChannel(db(), org.id, params.channelId);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');
