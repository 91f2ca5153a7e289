// GET /_health/: 200 "ok"; 503 naming the failing part; 200 {"status":"degraded"} when the queue lags (lib/health).
import { healthAnswer } from '@/lib/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const h = await healthAnswer();
  return new Response(h.body, { status: h.status, headers: { 'content-type': h.contentType } });
}
