import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors.ts';
import { requireSameOriginWrite } from './crossSite.ts';
import { HttpError } from './respond.ts';

const US = 'https://faultline.example';

function check(method: string, headers: Record<string, string>, body?: string) {
  try {
    requireSameOriginWrite(new Request(`${US}/api/0/x/`, { method, headers, body }), US);
    return 'ok';
  } catch (e) {
    if (e instanceof ForbiddenError) return 403;
    if (e instanceof HttpError) return e.status;
    throw e;
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('requireSameOriginWrite', () => {
  it.each([
    ['GET from anywhere', 'GET', { origin: 'http://evil.example' }, 'ok'],
    ['POST, same Origin, JSON', 'POST', { origin: US, ...JSON_TYPE }, 'ok'],
    ['POST, Referer only', 'POST', { referer: `${US}/settings/`, ...JSON_TYPE }, 'ok'],
    ['POST, Sec-Fetch-Site same-origin', 'POST', { 'sec-fetch-site': 'same-origin', ...JSON_TYPE }, 'ok'],
    ['DELETE, same Origin, no body', 'DELETE', { origin: US }, 'ok'],
    ['POST from evil.example', 'POST', { origin: 'http://evil.example', ...JSON_TYPE }, 403],
    ['POST from another port', 'POST', { origin: `${US}:8443`, ...JSON_TYPE }, 403],
    ['POST from a sibling subdomain', 'POST', { origin: 'https://x.faultline.example', ...JSON_TYPE }, 403],
    ['POST, Origin null', 'POST', { origin: 'null', ...JSON_TYPE }, 403],
    ['POST, no Origin, no Referer', 'POST', JSON_TYPE, 403],
    ['POST, same-site (not same-origin)', 'POST', { 'sec-fetch-site': 'same-site', ...JSON_TYPE }, 403],
    ['Origin wins over a matching Referer', 'PUT', { origin: 'http://evil.example', referer: `${US}/` }, 403],
    ['POST, same Origin, text/plain', 'POST', { origin: US, 'content-type': 'text/plain' }, 415],
    ['POST, same Origin, form', 'POST', { origin: US, 'content-type': 'application/x-www-form-urlencoded' }, 415],
  ] as const)('%s', (_name, method, headers, want) => {
    expect(check(method, headers, method === 'GET' || method === 'DELETE' ? undefined : '{}')).toBe(want);
  });

  it('refuses a body with no content type', () => {
    expect(check('POST', { origin: US, 'content-length': '2' })).toBe(415);
  });
});
