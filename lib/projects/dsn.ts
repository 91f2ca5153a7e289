// DSN strings for a project key, in the forms SDKs and sentry-cli accept.

/** `http://<public>@host[:port][/prefix]/<projectId>` from the server's public URL. */
export function buildDsn(baseUrl: string, publicKey: string, projectId: number, secretKey?: string): string {
  const u = new URL(baseUrl);
  const auth = secretKey ? `${publicKey}:${secretKey}` : publicKey;
  const prefix = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${auth}@${u.host}${prefix}/${projectId}`;
}

export function ingestUrls(baseUrl: string, projectId: number) {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    envelope: `${base}/api/${projectId}/envelope/`,
    store: `${base}/api/${projectId}/store/`,
  };
}
