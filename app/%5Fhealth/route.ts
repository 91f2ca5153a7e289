// GET /_health/: 200 "ok" when the database and Redis answer, 503 naming the failing part otherwise.
import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const h = await checkHealth();
  if (h.ok) return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  return new Response(`unavailable: ${h.failing.join(', ')}`, {
    status: 503,
    headers: { 'content-type': 'text/plain' },
  });
}
