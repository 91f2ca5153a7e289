// /api/<projectId>/otlp/... (OpenTelemetry): not implemented yet; answers a JSON 404 (with CORS) instead of an HTML
// page.
import { unsupportedIngestRoutes } from '@/lib/ingest/webHandler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unsupportedIngestRoutes('OpenTelemetry (OTLP) payloads');
