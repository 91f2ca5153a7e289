// sentry-cli's second step: assemble uploaded chunks into an artifact bundle (answers list missing chunks).
import { parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { requireUploadScope } from '@/lib/sourcemaps/access';
import { assembleBundle, assembleSchema } from '@/lib/sourcemaps/upload';

export const POST = withAccess({ org: [] }, async (ctx) => {
  requireUploadScope(ctx);
  const body = await parseBody(ctx.req, assembleSchema);
  return json(await assembleBundle(ctx.org, await ctx.visibleProjectIds(), body));
});
