// Superuser check of the directory settings with a username (and optional password): each step, never a secret.
import { z } from 'zod';
import { otherMethods, parseBody } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { withAccess } from '@/lib/api/withAccess';
import { testDirectorySettings } from '@/lib/auth/ldap/testSettings';

const body = z.object({
  username: z.string().trim().min(1, 'required').max(256),
  password: z.string().max(1024).optional(),
});

export const POST = withAccess({ session: true, superuser: true }, async ({ req }) => {
  const { username, password } = await parseBody(req, body);
  return json(await testDirectorySettings(username, password));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
