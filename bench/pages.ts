// Page benchmark: 10,000 issues and 100,000 events in one project of a fresh database (bulk SQL), then the
// server time of every /api/0 call each dashboard page makes, and each page's load time in Chromium.
// Run: NEXT_DIST_DIR=.next-<you> npx tsx bench/pages.ts   (after `next build` into that dist dir)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { startStack } from '../tests/harness/stack.ts';
import { SessionClient } from '../tests/harness/session.ts';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = 5;

function eventJson(): string {
  // A typical Node error (about 2.5 KB): 10 frames with context lines, breadcrumbs, request, user, contexts.
  const frames = Array.from({ length: 10 }, (_, i) => ({
    filename: `/app/src/module${i}.js`,
    abs_path: `/app/src/module${i}.js`,
    function: `handler${i}`,
    lineno: 10 + i,
    colno: 5,
    in_app: i > 3,
    context_line: `  return handler${i + 1}(req, res);`,
    pre_context: ['function x() {', '  const a = 1;'],
    post_context: ['}', ''],
  }));
  return JSON.stringify({
    event_id: 'EVENTID',
    timestamp: 'TS',
    level: 'error',
    platform: 'node',
    environment: 'production',
    release: 'shop@REL',
    exception: {
      values: [
        { type: 'TypeError', value: "Cannot read properties of undefined (reading 'id') #N", stacktrace: { frames } },
      ],
    },
    breadcrumbs: {
      values: Array.from({ length: 5 }, (_, i) => ({
        timestamp: 'TS',
        category: 'http',
        message: `GET /api/items/${i}`,
        level: 'info',
      })),
    },
    request: { url: 'https://shop.example.com/checkout', method: 'POST', headers: [['User-Agent', 'Mozilla/5.0']] },
    user: { id: 'UID', email: 'UID@example.com' },
    contexts: { os: { name: 'Linux' }, runtime: { name: 'node', version: 'v20.20.2' } },
    tags: [
      ['environment', 'production'],
      ['release', 'shop@REL'],
    ],
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
  });
}

async function seed(databaseUrl: string) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const t0 = performance.now();
  const org = (await c.query(`INSERT INTO "Organization" (slug, name) VALUES ('bench', 'Bench') RETURNING id`)).rows[0]
    .id;
  const team = (
    await c.query(`INSERT INTO "Team" ("orgId", slug, name) VALUES ($1, 'bench', 'bench') RETURNING id`, [org])
  ).rows[0].id;
  const project = (
    await c.query(
      `INSERT INTO "Project" ("orgId", slug, name, platform, "issueCounter") VALUES ($1, 'shop', 'shop', 'node', $2)
        RETURNING id`,
      [org, ISSUES],
    )
  ).rows[0].id;
  await c.query(`INSERT INTO "ProjectTeam" ("projectId", "teamId") VALUES ($1, $2)`, [project, team]);
  await c.query(
    `INSERT INTO "ProjectKey" ("projectId", "publicKey", "secretKey") VALUES ($1, md5('pub'), md5('sec'))`,
    [project],
  );
  // Issues: a spread of statuses, levels, releases and ages; every 10th is a message issue.
  await c.query(
    `INSERT INTO "Issue" ("projectId", "shortNumber", hash, title, culprit, type, "metadataType", "metadataValue",
      level, status, substatus,
       "firstSeen", "lastSeen", "eventCount", "userCount", "firstRelease", "lastRelease")
     SELECT $1, g, md5('issue' || g),
       CASE WHEN g % 10 = 0 THEN 'Queue stalled for job ' || g ELSE 'TypeError: Cannot read properties of ' +
         'undefined (reading ''f' || g || ''')' END,
       'src/module' || (g % 50) || ' in handler' || (g % 7),
       CASE WHEN g % 10 = 0 THEN 'default' ELSE 'error' END,
       CASE WHEN g % 10 = 0 THEN '' ELSE 'TypeError' END,
       CASE WHEN g % 10 = 0 THEN '' ELSE 'Cannot read properties of undefined (reading ''f' || g || ''')' END,
       (ARRAY['error','warning','info','fatal'])[1 + g % 4],
       (ARRAY['unresolved','unresolved','unresolved','resolved','ignored'])[1 + g % 5]::"IssueStatus",
       CASE WHEN g % 17 = 0 THEN 'regressed' ELSE 'ongoing' END,
       now() - (g || ' minutes')::interval - interval '30 days' * random(), now() - (g || ' seconds')::interval,
       $2::bigint / $3 , 1 + g % 40, 'shop@1.' || (g % 20), 'shop@1.' || (g % 20)
     FROM generate_series(1, $3) g`,
    [project, EVENTS, ISSUES],
  );
  const firstIssue = (await c.query(`SELECT min(id) AS id FROM "Issue" WHERE "projectId" = $1`, [project])).rows[0].id;
  await c.query(
    `INSERT INTO "IssueHash" ("projectId", hash, "issueId", components)
     SELECT $1, hash, id, jsonb_build_object('variant', 'stacktrace', 'values', jsonb_build_array(culprit,
       'TypeError')) FROM "Issue" WHERE "projectId" = $1`,
    [project],
  );
  const template = eventJson();
  await c.query(
    `INSERT INTO "Event" ("projectId", "issueId", "eventId", timestamp, level, release, environment, title,
      message, culprit, "userKey", data, hash)
     SELECT $1, $2 + (g % $4), md5('event' || g), now() - (g || ' seconds')::interval, 'error', 'shop@1.' ||
       (g % 20), 'production',
       'TypeError: Cannot read properties of undefined', '', 'src/module in handler', 'u' || (g % 500),
       jsonb_insert(replace(replace(replace(replace($3::text, 'EVENTID', md5('event' || g)), 'TS', to_char(now() - (g ||
         ' seconds')::interval, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')), 'UID', 'u' || (g % 500)), 'REL', '1.' || (g %
         20))::jsonb, '{tags,-1}', jsonb_build_array('browser', 'Chrome ' || (100 + g % 20)), true),
       md5('issue' || (1 + g % $4))
     FROM generate_series(1, $5) g`,
    [project, firstIssue, template, ISSUES, EVENTS],
  );
  await c.query(
    `INSERT INTO "IssueHourlyCount" ("issueId", hour, count)
     SELECT id, date_trunc('hour', now()) - (h || ' hours')::interval, 1 + (id + h) % 5 FROM "Issue",
       generate_series(0, 23, 3) h WHERE "projectId" = $1`,
    [project],
  );
  await c.query(
    `INSERT INTO "ProjectHourlyCount" ("projectId", hour, count)
     SELECT $1, date_trunc('hour', now()) - (h || ' hours')::interval, 100 + h * 7 FROM generate_series(0, 24 * 30) h`,
    [project],
  );
  await c.query(
    `INSERT INTO "IssueTagValue" ("issueId", key, value, count, "firstSeen", "lastSeen")
     SELECT i.id, t.key, t.value, 1 + (i.id % 9), i."firstSeen", i."lastSeen"
     FROM "Issue" i, (VALUES ('environment', 'production'), ('release', 'shop@1.0'), ('browser', 'Chrome 120'),
       ('browser', 'Firefox 130')) t(key, value)
     WHERE i."projectId" = $1`,
    [project],
  );
  await c.query(
    `INSERT INTO "Release" ("orgId", version, "dateReleased") SELECT $1, 'shop@1.' || g, now() - (g ||
      ' hours')::interval FROM generate_series(0, 19) g`,
    [org],
  );
  await c.query(`ANALYZE`);
  const seeded = ((performance.now() - t0) / 1000).toFixed(1);
  await c.end();
  return { org, project, firstIssue, seeded };
}

async function timeCall(client: SessionClient, path: string) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    const r = await client.fetch(path);
    await r.arrayBuffer();
    status = r.status;
    if (i > 0) times.push(performance.now() - t); // the first call warms the route up
  }
  times.sort((a, b) => a - b);
  return { status, median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

async function main() {
  const stack = await startStack({ name: 'benchpages', workers: 0 });
  try {
    process.env.DATABASE_URL = stack.databaseUrl;
    const { project, firstIssue, seeded } = await seed(stack.databaseUrl);
    const { createLocalUser } = await import('../lib/users/users.ts');
    const { db } = await import('../lib/db.ts');
    await createLocalUser(db(), {
      email: 'bench@example.com',
      password: 'bench password 1',
      org: 'bench',
      role: 'owner',
    });
    const counts = await db().$queryRawUnsafe<Array<{ issues: bigint; events: bigint }>>(
      `SELECT (SELECT count(*) FROM "Issue") AS issues, (SELECT count(*) FROM "Event") AS events`,
    );
    console.log(`seeded ${counts[0].issues} issues and ${counts[0].events} events in ${seeded} s`);

    const client = new SessionClient(stack.baseUrl);
    const signedIn = await client.signIn('bench@example.com', 'bench password 1');
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error}`);
    const issue = firstIssue + 1;
    const pages: Record<string, string[]> = {
      home: ['/api/0/organizations/', '/api/0/organizations/bench/projects/?statsPeriod=24h'],
      'issue list': [
        '/api/0/organizations/bench/issues/?query=is%3Aunresolved&sort=date&statsPeriod=24h&per_page=25',
        '/api/0/organizations/bench/issues/?query=is%3Aunresolved&sort=freq&statsPeriod=14d&per_page=25',
        '/api/0/organizations/bench/issues/?query=is%3Aunresolved&sort=user&statsPeriod=24h&per_page=25',
        '/api/0/organizations/bench/issues/?query=is%3Aunresolved&sort=new&statsPeriod=24h&per_page=25',
        `/api/0/organizations/bench/issues/?project=${project}&query=is%3Aunresolved+level%3Aerror+handler3` +
          '&sort=date&statsPeriod=24h&per_page=25',
        '/api/0/organizations/bench/issues/?query=is%3Aunresolved&sort=date&statsPeriod=24h&per_page=25' +
          '&cursor=0%3A5000%3A0',
        '/api/0/organizations/bench/members/',
        '/api/0/organizations/bench/teams/',
      ],
      'issue detail': [
        `/api/0/issues/${issue}/`,
        `/api/0/issues/${issue}/events/latest/`,
        `/api/0/issues/${issue}/tags/`,
        `/api/0/issues/${issue}/events/?per_page=25`,
        `/api/0/issues/${issue}/hashes/`,
        `/api/0/organizations/bench/releases/?project=${project}&per_page=100`,
      ],
      'project settings': [
        '/api/0/projects/bench/shop/',
        '/api/0/projects/bench/shop/keys/',
        '/api/0/organizations/bench/teams/',
      ],
      'org settings': ['/api/0/organizations/bench/members/', '/api/0/organizations/bench/teams/'],
    };
    console.log(`\nAPI calls (median / max of ${RUNS} after one warm-up, ms):`);
    for (const [page, paths] of Object.entries(pages)) {
      console.log(`  ${page}`);
      for (const p of paths) {
        const r = await timeCall(client, p);
        console.log(
          `    ${String(r.status).padEnd(4)} ${r.median.toFixed(0).padStart(5)} / ` +
            `${r.max.toFixed(0).padStart(5)}  ${p}`,
        );
      }
    }

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const cookies = client
      .cookieHeader()
      .split('; ')
      .map((kv) => {
        const i = kv.indexOf('=');
        return { name: kv.slice(0, i), value: kv.slice(i + 1), url: stack.baseUrl };
      });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const loads: Array<[string, string, string]> = [
      ['home', '/', '[data-testid="project-shop"] [data-testid="sparkline"]'],
      ['issue list', '/organizations/bench/issues/', '[data-testid="issue-row"]'],
      ['issue list, page 200', '/organizations/bench/issues/?cursor=0%3A5000%3A0', '[data-testid="issue-row"]'],
      ['issue detail', `/organizations/bench/issues/${issue}/`, '[data-testid="stacktrace"] [data-testid="frame"]'],
      ['project settings', '/settings/bench/projects/shop/', '[data-testid="dsn-public"]'],
      ['org settings', '/settings/bench/', '[data-testid="member-row"]'],
    ];
    console.log(
      `\nPage loads in Chromium (navigation until the main content is visible; median / max of ${RUNS}, ms):`,
    );
    for (const [name, path, selector] of loads) {
      const times: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        const t = performance.now();
        await page.goto(stack.baseUrl + path);
        await page.waitForSelector(selector, { timeout: 30_000 });
        if (i > 0) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${times[Math.floor(times.length / 2)].toFixed(0).padStart(5)} / ` +
          `${times[times.length - 1].toFixed(0).padStart(5)}  ${name} (${path})`,
      );
    }
    await browser.close();
    await db().$disconnect();
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
