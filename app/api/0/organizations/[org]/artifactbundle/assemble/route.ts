// sentry-cli's second step: assemble uploaded chunks into an artifact bundle. Answered at once (`created`, missing
// chunks, `ok`); the assembly itself runs after the answer is sent (lib/sourcemaps/assembly.ts).
import { after } from 'next/server';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { requireUploadScope } from '@/lib/sourcemaps/access';
import { advanceAssembly } from '@/lib/sourcemaps/assembly';
import { assembleSchema, requestAssembly } from '@/lib/sourcemaps/upload';

export const POST = withAccess({ org: [] }, async (ctx) => {
  requireUploadScope(ctx);
  const body = await parseBody(ctx.req, assembleSchema);
  const { answer, advance } = await requestAssembly(ctx.org, await ctx.visibleProjectIds(), body);
  if (advance) after(() => advanceAssembly(ctx.org.id, body.checksum));
  return json(answer);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
