// sentry-cli's chunk upload: GET says how to upload (its only org/auth check), POST stores chunks by SHA-1.
import { otherMethods } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { requireUploadScope } from '@/lib/sourcemaps/access';
import { chunksOf, readMultipart } from '@/lib/sourcemaps/chunks';
import {
  CHUNK_SIZE,
  CHUNKS_PER_REQUEST,
  MAX_REQUEST_SIZE,
  MULTIPART_OVERHEAD,
  chunkUploadOptions,
} from '@/lib/sourcemaps/options';
import { storeChunks } from '@/lib/sourcemaps/upload';

export const GET = withAccess({ org: [] }, async (ctx) => {
  requireUploadScope(ctx);
  return json(chunkUploadOptions(ctx.org.slug));
});

export const POST = withAccess({ org: [] }, async (ctx) => {
  requireUploadScope(ctx);
  const form = await readMultipart(ctx.req, MAX_REQUEST_SIZE + MULTIPART_OVERHEAD);
  const chunks = await chunksOf(form, { chunkSize: CHUNK_SIZE, chunksPerRequest: CHUNKS_PER_REQUEST });
  await storeChunks(ctx.org.id, chunks);
  return new Response(null, { status: 200 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
