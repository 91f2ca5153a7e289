// /api/<projectId>/unreal/<key>/ (Unreal Engine crash reports): not implemented yet; answers a JSON 404 (with CORS)
// instead of an HTML page.
import { unsupportedIngestRoutes } from '@/lib/ingest/webHandler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unsupportedIngestRoutes('Unreal Engine crash reports');
