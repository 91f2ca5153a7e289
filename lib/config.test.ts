// The public URLs: FAULTLINE_URL for links and sign-in, FAULTLINE_INGEST_URL (else FAULTLINE_URL) for DSNs.
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe('public URLs', () => {
  it('default to this machine on PORT, DSNs included', () => {
    const c = parseConfig(env({ PORT: '9100' }));
    expect(c.url).toBe('http://127.0.0.1:9100');
    expect(c.ingestUrl).toBe('http://127.0.0.1:9100');
  });

  it('DSNs follow FAULTLINE_URL unless an ingest host of its own is set', () => {
    const site = { FAULTLINE_URL: 'https://faultline.example.com/' };
    expect(parseConfig(env(site)).ingestUrl).toBe('https://faultline.example.com');
    const split = parseConfig(env({ ...site, FAULTLINE_INGEST_URL: 'https://ingest.example.com//' }));
    expect(split.url).toBe('https://faultline.example.com');
    expect(split.ingestUrl).toBe('https://ingest.example.com');
  });
});
