// Any /api path no route claims: a JSON 404 rather than Next's HTML page (static routes such as /api/0/... win).
import { everyMethod } from '@/lib/api/handler';
import { errorResponse } from '@/lib/api/respond';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod(async (req: Request) =>
  errorResponse(404, `no API endpoint at ${new URL(req.url).pathname}`),
);
