// Small JSON fetcher for the account and admin forms: throws the API's `detail` text on errors.
export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  const r = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    credentials: 'same-origin',
  });
  if (r.status === 204) return undefined as T;
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((body as { detail?: string }).detail ?? `request failed (${r.status})`);
  return body as T;
}
