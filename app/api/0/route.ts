// The API root: who is calling and with which scopes (what `sentry-cli info` prints).
import { route } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { authenticate } from '@/lib/auth/access';
import { apiIndex } from '@/lib/orgs/index';
import { db } from '@/lib/db';

export const GET = route(async (req) => json(await apiIndex(db(), await authenticate(req))));
