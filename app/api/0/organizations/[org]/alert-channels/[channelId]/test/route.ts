// "Send test": one message through the channel now; answers with the delivery as logged (status, reply, error).
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { getChannel, serializeDelivery } from '@/lib/alerts/channelRecords';
import { sendTestMessage } from '@/lib/alerts/delivery';
import { db } from '@/lib/db';
import { redis } from '@/lib/redis';

type Params = { org: string; channelId: string };

export const POST = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org } = await orgAccess(p, params.org, 'org:write');
  const channel = await getChannel(db(), org.id, params.channelId);
  const delivery = await sendTestMessage(db(), redis(), { ...channel, orgSlug: org.slug }, p.user.email);
  return json(serializeDelivery(delivery));
});
