// A channel's delivery log, newest first: what was sent, the receiver's reply, and why anything failed.
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { paginate } from '@/lib/api/pagination';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { getChannel, listDeliveries, serializeDelivery } from '@/lib/alerts/channelRecords';
import { db } from '@/lib/db';

type Params = { org: string; channelId: string };

export const GET = route<Params>(async (req, params) => {
  const { org } = await orgAccess(await requirePrincipal(req), params.org, 'org:read');
  const channel = await getChannel(db(), org.id, params.channelId);
  const { rows, headers } = await paginate(new URL(req.url), (offset, take) => listDeliveries(db(), channel.id, offset, take), 50);
  return json(rows.map(serializeDelivery), { headers });
});
