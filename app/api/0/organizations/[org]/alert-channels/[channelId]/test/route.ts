// "Send test": one message through the channel now; answers with the delivery as logged (status, reply, error).
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { ALERT_SCOPES } from '@/lib/auth/scopes';
import { getChannel, serializeDelivery } from '@/lib/alerts/channelRecords';
import { sendTestMessage } from '@/lib/alerts/delivery';
import { db } from '@/lib/db';
import { redis } from '@/lib/redis';
import { otherMethods } from '@/lib/api/handler';

export const POST = withAccess({ org: ALERT_SCOPES.channelWrite }, async ({ params, org, principal }) => {
  const channel = await getChannel(db(), org.id, params.channelId);
  const delivery = await sendTestMessage(db(), redis(), { ...channel, orgSlug: org.slug }, principal.user.email);
  return json(serializeDelivery(delivery, { fullReply: principal.user.isSuperuser }));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
