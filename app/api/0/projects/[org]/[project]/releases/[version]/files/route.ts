// sentry-cli 2.x's legacy release files: one multipart POST per file (`file`, `name`, `dist`, `header`), and a list.
import { otherMethods } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { config } from '@/lib/config';
import { InvalidError } from '@/lib/errors';
import { requireUploadScope } from '@/lib/sourcemaps/access';
import { readMultipart } from '@/lib/sourcemaps/chunks';
import { MULTIPART_OVERHEAD } from '@/lib/sourcemaps/options';
import { listReleaseFiles, storeReleaseFile } from '@/lib/sourcemaps/releaseFiles';

export const GET = withAccess({ project: 'org:read' }, async ({ org, project, params }) =>
  json(await listReleaseFiles(org.id, project.id, params.version)),
);

export const POST = withAccess({ project: [] }, async (ctx) => {
  requireUploadScope(ctx);
  const form = await readMultipart(ctx.req, config().SOURCEMAPS_MAX_BUNDLE_BYTES + MULTIPART_OVERHEAD);
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new InvalidError('file', 'a file part is required');
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const shape = await storeReleaseFile(ctx.org.id, ctx.project.id, ctx.params.version, {
    name: text('name') ?? file.name,
    dist: text('dist'),
    headers: form.getAll('header').filter((h): h is string => typeof h === 'string'),
    content: new Uint8Array(await file.arrayBuffer()),
  });
  return json(shape, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
