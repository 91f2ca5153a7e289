// Every environment variable Faultline reads, parsed and validated once.
import { z } from 'zod';
import { parseTargetPolicy } from './alerts/targetGuard.ts';

const bool = z
  .string()
  .optional()
  .transform((v) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim()));

const int = (def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `must be a non-negative integer, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const MB = 1024 * 1024;

/** The logger's levels, least severe first (lib/log.ts writes a line when it is at least LOG_LEVEL). */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key, so several installs (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().default('faultline:'),
  SECRET_KEY: z.string().optional(),
  PORT: int(9000),
  FAULTLINE_URL: z.string().optional(),
  /**
   * Where SDKs send events, when that is not FAULTLINE_URL: a host of its own for the ingest processes (Helm's
   * `ingest.host`, like Sentry's ingest.sentry.io). DSNs name it; links and sign-in keep FAULTLINE_URL.
   */
  FAULTLINE_INGEST_URL: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),

  /** Ingest limits (bytes). Relay's defaults guided these. */
  FAULTLINE_MAX_COMPRESSED_BYTES: int(20 * MB),
  FAULTLINE_MAX_ENVELOPE_BYTES: int(100 * MB),
  FAULTLINE_MAX_EVENT_BYTES: int(1 * MB),
  FAULTLINE_MAX_ATTACHMENT_BYTES: int(100 * MB),
  /** Seconds a DSN key lookup is cached by the ingest edge; a revoked key keeps working that long. */
  FAULTLINE_KEY_CACHE_SECONDS: int(5),
  /** Seconds a DSN key last seen in the database keeps working while the database cannot answer (0: never stale). */
  FAULTLINE_KEY_STALE_SECONDS: int(3600),
  /** Milliseconds the ingest edge waits for Redis before answering 503 instead of hanging. */
  FAULTLINE_INGEST_REDIS_TIMEOUT_MS: int(3000),
  /** Seconds the ingest edge waits for the next bytes of a request body before answering 408 and closing. */
  FAULTLINE_INGEST_BODY_IDLE_SECONDS: int(10),

  /** Quotas (issue 15): events per minute a project / an org may send (0 = no limit), and spike protection. */
  PROJECT_RATE_LIMIT_PER_MINUTE: int(0),
  ORG_RATE_LIMIT_PER_MINUTE: int(0),
  /** A minute with more than this many times the project's usual rate is refused (0 = spike protection off). */
  SPIKE_PROTECTION_FACTOR: int(10),
  /** The usual rate spike protection compares against is never taken as lower than this (events per minute). */
  SPIKE_PROTECTION_FLOOR_PER_MINUTE: int(100),
  /** Retention: days events are kept (per-project override in its settings), and how often the cron cleans up. */
  EVENT_RETENTION_DAYS: int(90),
  CLEANUP_INTERVAL_MINUTES: int(60),
  /** Source maps (sentry-cli uploads): largest assembled bundle, days a bundle is kept, files per bundle. */
  SOURCEMAPS_MAX_BUNDLE_BYTES: int(100 * MB),
  SOURCEMAPS_RETENTION_DAYS: int(90),
  SOURCEMAPS_MAX_FILES_PER_BUNDLE: int(10_000),

  /** Worker tuning. */
  WORKER_BATCH_SIZE: int(500),
  /** Batches one worker process stores at once (each on its own Redis connection and database transaction). */
  WORKER_CONCURRENCY: int(2),
  /** Milliseconds after which a message a worker read but never acknowledged is taken over. */
  WORKER_CLAIM_IDLE_MS: int(30_000),
  /** Deliveries after which a failing message goes to the dead-letter stream. */
  WORKER_MAX_DELIVERIES: int(5),
  /** Seconds acknowledged events stay on the stream before it is trimmed (0: trim as soon as every worker is done). */
  WORKER_STREAM_RETENTION_SECONDS: int(0),
  /** Megabytes of parsed source maps and minified scripts one worker process keeps (least recently used go first). */
  WORKER_SOURCEMAP_CACHE_MB: int(256),

  LDAP_SERVER: z.string().optional(),
  LDAP_START_TLS: bool,
  LDAP_BIND_DN: z.string().optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_USER_DN: z.string().optional(),
  LDAP_USER_FILTER: z.string().default('(&(objectClass=inetOrgPerson)(cn=%(user)s))'),
  LDAP_SENTRY_USERNAME_FIELD: z.string().default('cn'),
  LDAP_MAP_FULL_NAME: z.string().default('sn'),
  LDAP_MAP_MAIL: z.string().default('mail'),
  LDAP_DEFAULT_EMAIL_DOMAIN: z.string().optional(),
  LDAP_GROUP_DN: z.string().optional(),
  // An empty value (`LDAP_GROUP_TYPE=` in an env file) means unset, as in the seed's set-up.
  LDAP_GROUP_TYPE: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['groupOfUniqueNames', 'groupOfNames', 'posixGroup', 'memberOf']).optional(),
  ),
  LDAP_GROUP_ACTIVE: z.string().optional(),
  LDAP_GROUP_SUPERUSER: z.string().optional(),
  LDAP_GROUP_STAFF: z.string().optional(),
  LDAP_REQUIRE_GROUP: z.string().optional(),
  LDAP_DENY_GROUP: z.string().optional(),
  LDAP_CACHE_GROUPS: bool,
  LDAP_GROUP_CACHE_TIMEOUT: int(3600),
  LDAP_DEFAULT_SENTRY_ORGANIZATION: z.string().optional(),
  LDAP_SENTRY_ORGANIZATION_ROLE_TYPE: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['member', 'admin', 'manager', 'owner']).default('member'),
  ),
  LDAP_GROUP_ROLE_MAPPING: z.string().optional(),
  LDAP_TEAM_MAPPING: z.string().optional(),
  /** Timeout (ms) of each directory connection and operation, so a dead server cannot hang a sign-in. */
  LDAP_TIMEOUT_MS: int(5000),

  /** Brute-force limits: failed sign-ins per username and per client IP within the window (seconds). */
  AUTH_MAX_FAILURES_PER_USER: int(10),
  AUTH_MAX_FAILURES_PER_IP: int(50),
  AUTH_FAILURE_WINDOW_SECONDS: int(900),
  /** Reverse proxies in front of Faultline whose X-Forwarded-For entries are trusted (0 = none). */
  AUTH_TRUSTED_PROXY_HOPS: int(0),

  EMAIL_HOST: z.string().optional(),
  EMAIL_PORT: int(25),
  EMAIL_USER: z.string().optional(),
  EMAIL_PASSWORD: z.string().optional(),
  EMAIL_USE_TLS: bool,
  /** Implicit TLS (SMTPS, usually port 465); EMAIL_USE_TLS is STARTTLS, as in Django/Sentry. */
  EMAIL_USE_SSL: bool,
  SERVER_EMAIL: z.string().default('faultline@localhost'),
  /**
   * Private, loopback or link-local alert targets that are allowed anyway (host names as written in the channel,
   * IPs, CIDR networks; comma-separated): intranet robots and SMTP relays. Everything else private is refused.
   */
  ALERTS_ALLOWED_PRIVATE_TARGETS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTargetPolicy(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** First retry delay of a failed alert delivery (ms); doubles per attempt. */
  ALERTS_RETRY_BASE_MS: int(30_000),
  /** Attempts before a delivery is marked failed. */
  ALERTS_MAX_ATTEMPTS: int(5),

  /** Bearer token of the web and ingest processes' /metrics; unset, they serve no metrics. */
  METRICS_TOKEN: z.string().optional(),
  /** Port on which a worker serves /metrics (no token: bind it where only Prometheus reaches); unset, none. */
  METRICS_PORT: int(0),
  /** /_health/ says "degraded" when the oldest event not yet stored is older than this (seconds). */
  HEALTH_MAX_QUEUE_LAG_SECONDS: int(300),
});

export type Config = z.infer<typeof schema> & {
  url: string;
  /** FAULTLINE_INGEST_URL, else FAULTLINE_URL: the host in DSNs. */
  ingestUrl: string;
  databaseUrl: string;
  secretKey: string;
};

export class ConfigError extends Error {}

const url = (u: string) => u.replace(/\/+$/, '');

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  if (!c.SECRET_KEY && production) {
    throw new ConfigError('SECRET_KEY must be set in production (e.g. `openssl rand -hex 32`)');
  }
  return {
    ...c,
    url: url(c.FAULTLINE_URL ?? `http://127.0.0.1:${c.PORT}`),
    ingestUrl: url(c.FAULTLINE_INGEST_URL ?? c.FAULTLINE_URL ?? `http://127.0.0.1:${c.PORT}`),
    databaseUrl: c.DATABASE_URL ?? '',
    // Development only: a fixed key so sessions survive restarts on a laptop.
    secretKey: c.SECRET_KEY ?? 'faultline-insecure-development-secret-key-change-me',
  };
}

let cached: Config | undefined;

/** The process configuration, parsed on first use (not at import, so `next build` needs no env). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Warnings an operator should see at start-up. */
export function configWarnings(c: Config): string[] {
  const w: string[] = [];
  if (!c.SECRET_KEY) w.push('SECRET_KEY is not set; using an insecure development key');
  else if (c.SECRET_KEY.length < 32) w.push('SECRET_KEY is shorter than 32 characters; use a longer random value');
  return w;
}
