// A channel's delivery log, newest first: what was sent, the receiver's reply, and why anything failed.
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ALERT_SCOPES } from '@/lib/auth/scopes';
import { paginate } from '@/lib/api/pagination';
import { getChannel, listDeliveries, serializeDelivery } from '@/lib/alerts/channelRecords';
import { db } from '@/lib/db';
import { otherMethods } from '@/lib/api/handler';

export const GET = withAccess({ org: ALERT_SCOPES.channelRead }, async ({ req, params, org, principal }) => {
  const channel = await getChannel(db(), org.id, params.channelId);
  const { rows, headers } = await paginate(
    new URL(req.url),
    (offset, take) => listDeliveries(db(), channel.id, offset, take),
    50,
  );
  return json(
    rows.map((d) => serializeDelivery(d, { fullReply: principal.user.isSuperuser })),
    { headers },
  );
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
