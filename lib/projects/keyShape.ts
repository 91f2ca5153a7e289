// Sentry's client-key shape: the key, its DSNs in every form SDKs and tools use, and its rate limit.
import type { ProjectKey } from '../generated/prisma/client.ts';
import { buildDsn } from './dsn.ts';
import type { ProjectKey as ApiProjectKey } from './contract.ts';

export function serializeKey(k: ProjectKey, baseUrl: string): ApiProjectKey {
  const base = baseUrl.replace(/\/+$/, '');
  const api = `${base}/api/${k.projectId}`;
  return {
    id: k.publicKey,
    name: k.label,
    label: k.label,
    public: k.publicKey,
    secret: k.secretKey,
    projectId: k.projectId,
    isActive: k.isActive,
    dateCreated: k.createdAt.toISOString(),
    rateLimit: k.rateLimitPerMin === null ? null : { window: 60, count: k.rateLimitPerMin },
    dsn: {
      // Legacy form with the secret, as Sentry still lists it; SDKs ignore the secret.
      secret: buildDsn(base, k.publicKey, k.projectId, k.secretKey),
      public: buildDsn(base, k.publicKey, k.projectId),
      csp: `${api}/security/?sentry_key=${k.publicKey}`,
      security: `${api}/security/?sentry_key=${k.publicKey}`,
      minidump: `${api}/minidump/?sentry_key=${k.publicKey}`,
      unreal: `${api}/unreal/${k.publicKey}/`,
      cdn: null,
    },
    browserSdkVersion: null,
    useCase: 'user',
  };
}
