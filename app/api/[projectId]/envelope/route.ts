// SDK ingest: POST /api/<projectId>/envelope/ (trailing slash optional); the edge itself lives in lib/ingest.
import { ingestRoutes } from '@/lib/ingest/webHandler';

// Every method goes to the core: OPTIONS is the CORS preflight, methods other than POST get a JSON 405.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = ingestRoutes('envelope');
