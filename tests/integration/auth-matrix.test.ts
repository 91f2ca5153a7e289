// Authorization matrix: users of every role in two organizations (plus superuser, stranger, no auth and tokens
// missing a scope) against (1) the access steps the route wrapper composes (lib/auth, lib/projects, lib/issues
// access.ts), and (2) every /api/0 route over HTTP.
// Org A's people get 404 for anything of org B, by URL and by guessed ids.
//
// Adding an /api/0 route? Add a row to ROUTES below: the "every route has a row" test fails until you do.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { createProjectKey } from '../../lib/projects/keys.ts';
import { authenticate, orgAccess, type Principal } from '../../lib/auth/access.ts';
import { projectAccess } from '../../lib/projects/access.ts';
import { issueAccess } from '../../lib/issues/access.ts';
import { ALERT_SCOPES, SCOPES, ROLE_SCOPES, type Scope } from '../../lib/auth/scopes.ts';
import { errorAnswer } from '../../lib/api/respond.ts';
import type { RoleName } from '../../lib/auth/roles.ts';

const ROLE_ACTORS = ['member', 'admin', 'manager', 'owner'] as const;
/** Who asks. `stranger` owns org B and nothing in org A; `token-*` are org A owner's API tokens. */
type Actor = 'none' | RoleName | 'superuser' | 'stranger' | 'token' | 'token-missing-scope';
const ACTORS: Actor[] = ['none', ...ROLE_ACTORS, 'superuser', 'stranger', 'token', 'token-missing-scope'];
/** The scope left out of the `token-missing-scope` token. */
const MISSING: Scope = 'project:read';

interface World {
  orgA: string;
  orgB: string;
  /** a1: in the org's default team (everyone's); a2: only in a team no member belongs to. */
  projectA1: string;
  projectA2: string;
  projectB: string;
  issueA1: number;
  issueA2: number;
  issueB: number;
  users: Record<RoleName | 'superuser' | 'stranger' | 'victim', { id: number; email: string; password: string }>;
  victimTokenId: number;
  tokens: { token: string; 'token-missing-scope': string };
}

let w: World;

async function makeIssue(projectId: number, n: number) {
  const now = new Date();
  return db().issue.create({
    data: { projectId, shortNumber: n, hash: uniqueSlug('hash'), title: `Error ${n}`, firstSeen: now, lastSeen: now },
  });
}

beforeAll(async () => {
  const a1 = await makeProject();
  const orgA = a1.org.slug;
  // Closed membership: members see only their teams' projects.
  await db().organization.update({ where: { id: a1.org.id }, data: { openMembership: false } });
  const a2 = await ensureProject(db(), { org: orgA, project: uniqueSlug('secret'), team: uniqueSlug('team') });
  const b = await makeProject();
  const users = {} as World['users'];
  for (const role of ROLE_ACTORS)
    users[role] = await makeUser({ org: orgA, role }).then((u) => ({
      id: u.user.id,
      email: u.email,
      password: u.password,
    }));
  users.superuser = await makeUser({ superuser: true }).then((u) => ({
    id: u.user.id,
    email: u.email,
    password: u.password,
  }));
  users.stranger = await makeUser({ org: b.org.slug, role: 'owner' }).then((u) => ({
    id: u.user.id,
    email: u.email,
    password: u.password,
  }));
  users.victim = await makeUser({ org: orgA, role: 'member' }).then((u) => ({
    id: u.user.id,
    email: u.email,
    password: u.password,
  }));
  await makeToken(users.victim.id, ['org:read']);
  const victimTokenId = (await db().apiToken.findFirstOrThrow({ where: { userId: users.victim.id } })).id;
  w = {
    orgA,
    orgB: b.org.slug,
    projectA1: a1.project.slug,
    projectA2: a2.project.slug,
    projectB: b.project.slug,
    issueA1: (await makeIssue(a1.project.id, 1)).id,
    issueA2: (await makeIssue(a2.project.id, 1)).id,
    issueB: (await makeIssue(b.project.id, 1)).id,
    users,
    victimTokenId,
    tokens: {
      token: await makeToken(users.owner.id, [...SCOPES]),
      'token-missing-scope': await makeToken(
        users.owner.id,
        SCOPES.filter((s) => s !== MISSING),
      ),
    },
  };
});

// ---------------------------------------------------------------------------------------------------------
// (1) The access helper, with principals from real API tokens (all scopes, so the role alone decides).

async function principal(actor: Exclude<Actor, 'none'>): Promise<Principal> {
  let token: string;
  if (actor === 'token' || actor === 'token-missing-scope') token = w.tokens[actor];
  else token = await makeToken(w.users[actor].id, [...SCOPES]);
  const p = await authenticate(new Request('http://x/', { headers: { authorization: `Bearer ${token}` } }));
  if (!p) throw new Error('token did not authenticate');
  return p;
}

async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
    return 200;
  } catch (e) {
    // The one mapping the routes answer with; anything unexpected fails the test.
    return errorAnswer(e, (err) => {
      throw err;
    }).status;
  }
}

const roleOf = (a: Actor): RoleName | null =>
  a === 'token' || a === 'token-missing-scope'
    ? 'owner'
    : (ROLE_ACTORS as readonly string[]).includes(a)
      ? (a as RoleName)
      : null;

/** The status the access helper should give for a scope on org A's things. */
function expectedFor(a: Actor, scope: Scope, visibleToMembers = true): number {
  if (a === 'stranger') return 404;
  if (a === 'member' && !visibleToMembers) return 404;
  if (a === 'token-missing-scope' && scope === MISSING) return 403;
  if (a === 'superuser') return 200;
  const role = roleOf(a)!;
  return ROLE_SCOPES[role].has(scope) ? 200 : 403;
}

const helperActors = ACTORS.filter((a): a is Exclude<Actor, 'none'> => a !== 'none');

describe('access steps matrix', () => {
  it.each(helperActors)('%s: organization A by scope, organization B never', async (actor) => {
    const p = await principal(actor);
    for (const scope of ['org:read', 'org:write', 'member:read'] as Scope[]) {
      expect([scope, await status(() => orgAccess(p, w.orgA, scope))]).toEqual([scope, expectedFor(actor, scope)]);
    }
    const b = actor === 'stranger' || actor === 'superuser' ? 200 : 404;
    expect(await status(() => orgAccess(p, w.orgB))).toBe(b);
    expect(await status(() => orgAccess(p, 'no-such-org-' + w.orgA))).toBe(404);
  });

  it.each(helperActors)('%s: projects by team visibility and scope; other org’s projects 404 by URL', async (actor) => {
    const p = await principal(actor);
    for (const scope of ['project:read', 'project:write', 'project:admin', 'project:releases'] as Scope[]) {
      expect([scope, 'a1', await status(() => projectAccess(p, w.orgA, w.projectA1, scope))]).toEqual([
        scope,
        'a1',
        expectedFor(actor, scope),
      ]);
      expect([scope, 'a2', await status(() => projectAccess(p, w.orgA, w.projectA2, scope))]).toEqual([
        scope,
        'a2',
        expectedFor(actor, scope, false),
      ]);
    }
    // Org B's project under its own org (stranger owns it) and smuggled under org A's slug.
    expect(await status(() => projectAccess(p, w.orgB, w.projectB))).toBe(
      actor === 'stranger' || actor === 'superuser' ? 200 : 404,
    );
    expect(await status(() => projectAccess(p, w.orgA, w.projectB))).toBe(404);
  });

  it.each(helperActors)('%s: issues by guessed id', async (actor) => {
    const p = await principal(actor);
    for (const scope of ['event:read', 'event:write', 'event:admin'] as Scope[]) {
      // issueAccess checks project visibility with project:read first, so a token without it gets 403.
      const viaProject = actor === 'token-missing-scope' ? 403 : expectedFor(actor, scope);
      expect([scope, await status(() => issueAccess(p, { issueId: String(w.issueA1) }, scope))]).toEqual([
        scope,
        viaProject,
      ]);
    }
    expect(await status(() => issueAccess(p, { issueId: String(w.issueA2) }))).toBe(
      actor === 'token-missing-scope' ? 403 : expectedFor(actor, 'event:read', false),
    );
    expect(await status(() => issueAccess(p, { issueId: String(w.issueB) }))).toBe(
      actor === 'stranger' || actor === 'superuser' ? 200 : 404,
    );
    for (const guess of [String(w.issueB + 1000), '0', '-1', 'abc', '1e3', '9'.repeat(30), `${w.issueA1} `]) {
      expect([guess, await status(() => issueAccess(p, { issueId: guess }))]).toEqual([guess, 404]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// (2) Every /api/0 route over HTTP.

interface RouteRow {
  /** `METHOD /api/0/path/[param]/` as the route file sits under app/. */
  route: string;
  url: (w: World) => string;
  body?: (w: World) => unknown;
  expect: (a: Actor) => number;
}

const sessionOnly = (ok: number) => (a: Actor) => (a === 'none' ? 401 : a.startsWith('token') ? 403 : ok);
const superuserOnly = (ok: number) => (a: Actor) => (a === 'none' ? 401 : a === 'superuser' ? ok : 403);
/**
 * For org-scoped routes (use it in new rows): 401 without auth, 404 for the other org, else by the role's and token's
 * scopes.
 */
const byScope =
  (scope: Scope, ok = 200, visibleToMembers = true) =>
  (a: Actor) =>
    a === 'none' ? 401 : expectedFor(a, scope, visibleToMembers) === 200 ? ok : expectedFor(a, scope, visibleToMembers);
/** Sentry's alternatives (`{ anyOf }`): allowed when any one scope is; otherwise what the first one answers. */
const byAnyScope =
  ({ anyOf }: { anyOf: readonly Scope[] }, ok = 200) =>
  (a: Actor) => {
    if (a === 'none') return 401;
    const answers = anyOf.map((scope) => expectedFor(a, scope));
    return answers.includes(200) ? ok : answers[0];
  };

// org-api's fixtures: deleting routes get a fresh target per actor (actors are called once each, in ACTORS
// order), so every authorized actor sees 204 rather than the 404 of something already deleted.
const orgApi = {
  keyA1: '',
  spareTeam: '',
  victimMemberId: 0,
  doomedProjects: [] as string[],
  doomedKeys: [] as string[],
  doomedTeams: [] as string[],
  doomedMembers: [] as number[],
  joinTeams: [] as string[],
  release: '',
  doomedReleases: [] as string[],
  doomedRepos: [] as number[],
};
beforeAll(async () => {
  const org = await db().organization.findUniqueOrThrow({ where: { slug: w.orgA } });
  const a1 = await db().project.findUniqueOrThrow({
    where: { orgId_slug: { orgId: org.id, slug: w.projectA1 } },
    include: { keys: true },
  });
  orgApi.keyA1 = a1.keys[0].publicKey;
  orgApi.spareTeam = (
    await db().team.create({ data: { orgId: org.id, slug: uniqueSlug('spare'), name: 'spare' } })
  ).slug;
  orgApi.victimMemberId = (
    await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: w.users.victim.id } } })
  ).id;
  for (const _ of ACTORS) {
    orgApi.doomedProjects.push(
      (await ensureProject(db(), { org: w.orgA, project: uniqueSlug('doomed'), team: w.orgA })).project.slug,
    );
    orgApi.doomedKeys.push((await createProjectKey(db(), a1.id, 'doomed')).publicKey);
    orgApi.doomedTeams.push(
      (await db().team.create({ data: { orgId: org.id, slug: uniqueSlug('doomed'), name: 'doomed' } })).slug,
    );
    orgApi.joinTeams.push(
      (await db().team.create({ data: { orgId: org.id, slug: uniqueSlug('join'), name: 'join' } })).slug,
    );
    const u = await makeUser({ org: w.orgA, role: 'member' });
    orgApi.doomedMembers.push(
      (await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: u.user.id } } })).id,
    );
    const doomed = await db().release.create({
      data: { orgId: org.id, version: uniqueSlug('doomed@1.0'), projects: { create: { projectId: a1.id } } },
    });
    orgApi.doomedReleases.push(doomed.version);
    orgApi.doomedRepos.push((await db().repository.create({ data: { orgId: org.id, name: uniqueSlug('repo') } })).id);
  }
  orgApi.release = (
    await db().release.create({
      data: { orgId: org.id, version: 'shop@1.0.0+b1', projects: { create: { projectId: a1.id } } },
    })
  ).version;
});
/** The next of a per-actor list, one per call. */
const each = <T>(list: () => T[]) => {
  let i = 0;
  return () => list()[i++];
};
const nextProject = each(() => orgApi.doomedProjects);
const nextKey = each(() => orgApi.doomedKeys);
const nextTeam = each(() => orgApi.doomedTeams);
const nextMember = each(() => orgApi.doomedMembers);
const nextJoin = each(() => orgApi.joinTeams);
const nextRelease = each(() => orgApi.doomedReleases);
const nextRepo = each(() => orgApi.doomedRepos);
const rel = (w: World, version = orgApi.release) =>
  `/api/0/organizations/${w.orgA}/releases/${encodeURIComponent(version)}/`;

const ORG_API_ROUTES: RouteRow[] = [
  { route: 'GET /api/0/', url: () => '/api/0/', expect: () => 200 },
  { route: 'GET /api/0/organizations/', url: () => '/api/0/organizations/', expect: (a) => (a === 'none' ? 401 : 200) },
  {
    route: 'GET /api/0/organizations/[org]/',
    url: (w) => `/api/0/organizations/${w.orgA}/`,
    expect: byScope('org:read'),
  },
  {
    route: 'PUT /api/0/organizations/[org]/',
    url: (w) => `/api/0/organizations/${w.orgA}/`,
    body: () => ({}),
    expect: byScope('org:write'),
  },
  {
    route: 'GET /api/0/organizations/[org]/projects/',
    url: (w) => `/api/0/organizations/${w.orgA}/projects/`,
    expect: byScope('project:read'),
  },
  {
    route: 'GET /api/0/projects/',
    url: () => '/api/0/projects/',
    expect: (a) => (a === 'none' ? 401 : a === 'token-missing-scope' ? 403 : 200),
  },
  {
    route: 'GET /api/0/teams/[org]/[team]/projects/',
    url: (w) => `/api/0/teams/${w.orgA}/${w.orgA}/projects/`,
    expect: byScope('project:read'),
  },
  // Invalid bodies: the permission check comes first and nothing is created.
  {
    route: 'POST /api/0/teams/[org]/[team]/projects/',
    url: (w) => `/api/0/teams/${w.orgA}/${w.orgA}/projects/`,
    body: () => ({}),
    expect: byScope('project:write', 400),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/`,
    expect: byScope('project:read'),
  },
  {
    route: 'PUT /api/0/projects/[org]/[project]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/`,
    body: () => ({}),
    expect: byScope('project:write'),
  },
  {
    route: 'DELETE /api/0/projects/[org]/[project]/',
    url: (w) => `/api/0/projects/${w.orgA}/${nextProject()}/`,
    expect: byScope('project:admin', 204),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/keys/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/keys/`,
    expect: byScope('project:read'),
  },
  {
    route: 'POST /api/0/projects/[org]/[project]/keys/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/keys/`,
    body: () => ({ name: '' }),
    expect: byScope('project:write', 400),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/keys/[keyId]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/keys/${orgApi.keyA1}/`,
    expect: byScope('project:read'),
  },
  {
    route: 'PUT /api/0/projects/[org]/[project]/keys/[keyId]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/keys/${orgApi.keyA1}/`,
    body: () => ({}),
    expect: byScope('project:write'),
  },
  {
    route: 'DELETE /api/0/projects/[org]/[project]/keys/[keyId]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/keys/${nextKey()}/`,
    expect: byScope('project:admin', 204),
  },
  {
    route: 'POST /api/0/projects/[org]/[project]/teams/[team]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/teams/${orgApi.spareTeam}/`,
    expect: byScope('project:write', 201),
  },
  {
    route: 'DELETE /api/0/projects/[org]/[project]/teams/[team]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/teams/${orgApi.spareTeam}/`,
    expect: byScope('project:admin'),
  },
  {
    route: 'GET /api/0/organizations/[org]/teams/',
    url: (w) => `/api/0/organizations/${w.orgA}/teams/`,
    expect: byScope('team:read'),
  },
  {
    route: 'POST /api/0/organizations/[org]/teams/',
    url: (w) => `/api/0/organizations/${w.orgA}/teams/`,
    body: () => ({}),
    expect: byScope('team:write', 400),
  },
  {
    route: 'GET /api/0/teams/[org]/[team]/',
    url: (w) => `/api/0/teams/${w.orgA}/${orgApi.spareTeam}/`,
    expect: byScope('team:read'),
  },
  {
    route: 'PUT /api/0/teams/[org]/[team]/',
    url: (w) => `/api/0/teams/${w.orgA}/${orgApi.spareTeam}/`,
    body: () => ({}),
    expect: byScope('team:write'),
  },
  {
    route: 'DELETE /api/0/teams/[org]/[team]/',
    url: (w) => `/api/0/teams/${w.orgA}/${nextTeam()}/`,
    expect: byScope('team:admin', 204),
  },
  {
    route: 'GET /api/0/teams/[org]/[team]/members/',
    url: (w) => `/api/0/teams/${w.orgA}/${w.orgA}/members/`,
    expect: byScope('member:read'),
  },
  {
    route: 'GET /api/0/organizations/[org]/members/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/`,
    expect: byScope('member:read'),
  },
  {
    route: 'POST /api/0/organizations/[org]/members/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/`,
    body: () => ({ email: 'x' }),
    expect: byScope('member:write', 400),
  },
  {
    route: 'GET /api/0/organizations/[org]/members/[memberId]/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/${orgApi.victimMemberId}/`,
    expect: byScope('member:read'),
  },
  {
    route: 'PUT /api/0/organizations/[org]/members/[memberId]/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/${orgApi.victimMemberId}/`,
    body: () => ({}),
    expect: byScope('member:write'),
  },
  {
    route: 'DELETE /api/0/organizations/[org]/members/[memberId]/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/${nextMember()}/`,
    expect: byScope('member:admin', 204),
  },
  {
    route: 'POST /api/0/organizations/[org]/members/[memberId]/teams/[team]/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/${orgApi.victimMemberId}/teams/${nextJoin()}/`,
    expect: byScope('team:write', 201),
  },
  {
    route: 'DELETE /api/0/organizations/[org]/members/[memberId]/teams/[team]/',
    url: (w) => `/api/0/organizations/${w.orgA}/members/${orgApi.victimMemberId}/teams/${orgApi.spareTeam}/`,
    expect: byScope('team:write'),
  },
  {
    route: 'GET /api/0/organizations/[org]/releases/',
    url: (w) => `/api/0/organizations/${w.orgA}/releases/`,
    expect: byScope('org:read'),
  },
  {
    route: 'POST /api/0/organizations/[org]/releases/',
    url: (w) => `/api/0/organizations/${w.orgA}/releases/`,
    body: () => ({ version: '' }),
    expect: byScope('project:releases', 400),
  },
  { route: 'GET /api/0/organizations/[org]/releases/[version]/', url: (w) => rel(w), expect: byScope('org:read') },
  {
    route: 'PUT /api/0/organizations/[org]/releases/[version]/',
    url: (w) => rel(w),
    body: () => ({}),
    expect: byScope('project:releases'),
  },
  {
    route: 'DELETE /api/0/organizations/[org]/releases/[version]/',
    url: (w) => rel(w, nextRelease()),
    expect: byScope('project:releases', 204),
  },
  {
    route: 'GET /api/0/organizations/[org]/releases/[version]/deploys/',
    url: (w) => `${rel(w)}deploys/`,
    expect: byScope('org:read'),
  },
  {
    route: 'POST /api/0/organizations/[org]/releases/[version]/deploys/',
    url: (w) => `${rel(w)}deploys/`,
    body: () => ({}),
    expect: byScope('project:releases', 400),
  },
  {
    route: 'GET /api/0/organizations/[org]/releases/[version]/commits/',
    url: (w) => `${rel(w)}commits/`,
    expect: byScope('org:read'),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/releases/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/`,
    expect: byScope('org:read'),
  },
  {
    route: 'GET /api/0/organizations/[org]/repos/',
    url: (w) => `/api/0/organizations/${w.orgA}/repos/`,
    expect: byScope('org:read'),
  },
  {
    route: 'POST /api/0/organizations/[org]/repos/',
    url: (w) => `/api/0/organizations/${w.orgA}/repos/`,
    body: () => ({}),
    expect: byScope('org:write', 400),
  },
  {
    route: 'DELETE /api/0/organizations/[org]/repos/[repoId]/',
    url: (w) => `/api/0/organizations/${w.orgA}/repos/${nextRepo()}/`,
    expect: byScope('org:write', 204),
  },
];

// issues-api's fixtures: an event on issue A1 (so event, tag and hash routes have something to answer).
const issuesApi = { eventId: '', doomed: [] as number[], doomedInOrg: [] as number[] };
beforeAll(async () => {
  const issue = await db().issue.findUniqueOrThrow({ where: { id: w.issueA1 } });
  for (const [i] of ACTORS.entries()) {
    issuesApi.doomed.push((await makeIssue(issue.projectId, 1000 + i)).id);
    issuesApi.doomedInOrg.push((await makeIssue(issue.projectId, 2000 + i)).id);
  }
  issuesApi.eventId = 'e'.repeat(32);
  const now = new Date();
  await db().event.create({
    data: {
      projectId: issue.projectId,
      issueId: issue.id,
      eventId: issuesApi.eventId,
      timestamp: now,
      title: 'Error 1',
      data: { event_id: issuesApi.eventId, level: 'error', tags: [['level', 'error']] },
      hash: issue.hash,
    },
  });
  await db().issueTagValue.create({
    data: { issueId: issue.id, key: 'level', value: 'error', count: 1, firstSeen: now, lastSeen: now },
  });
  await db().issueHash.create({
    data: {
      projectId: issue.projectId,
      hash: issue.hash,
      issueId: issue.id,
      components: { variant: 'message', values: ['Error 1'] },
    },
  });
});
/** Issue routes check the project (project:read) before the event scope, so a token without project:read is 403. */
const byIssueScope =
  (scope: Scope, ok = 200) =>
  (a: Actor) =>
    a === 'token-missing-scope' ? 403 : byScope(scope, ok)(a);
const issueRoutes = (prefix: string, under: (w: World, id: number) => string, doomed: () => number): RouteRow[] => [
  { route: `GET ${prefix}/`, url: (w) => `${under(w, w.issueA1)}/`, expect: byIssueScope('event:read') },
  // An empty change: authorized callers get the issue back unchanged.
  {
    route: `PUT ${prefix}/`,
    url: (w) => `${under(w, w.issueA1)}/`,
    body: () => ({}),
    expect: byIssueScope('event:write'),
  },
  { route: `DELETE ${prefix}/`, url: (w) => `${under(w, doomed())}/`, expect: byIssueScope('event:admin', 202) },
  { route: `GET ${prefix}/events/`, url: (w) => `${under(w, w.issueA1)}/events/`, expect: byIssueScope('event:read') },
  {
    route: `GET ${prefix}/events/[eventId]/`,
    url: (w) => `${under(w, w.issueA1)}/events/latest/`,
    expect: byIssueScope('event:read'),
  },
  { route: `GET ${prefix}/tags/`, url: (w) => `${under(w, w.issueA1)}/tags/`, expect: byIssueScope('event:read') },
  {
    route: `GET ${prefix}/tags/[key]/`,
    url: (w) => `${under(w, w.issueA1)}/tags/level/`,
    expect: byIssueScope('event:read'),
  },
  {
    route: `GET ${prefix}/tags/[key]/values/`,
    url: (w) => `${under(w, w.issueA1)}/tags/level/values/`,
    expect: byIssueScope('event:read'),
  },
  { route: `GET ${prefix}/hashes/`, url: (w) => `${under(w, w.issueA1)}/hashes/`, expect: byIssueScope('event:read') },
  {
    route: `GET ${prefix}/activities/`,
    url: (w) => `${under(w, w.issueA1)}/activities/`,
    expect: byIssueScope('event:read'),
  },
];

const ISSUES_API_ROUTES: RouteRow[] = [
  {
    route: 'GET /api/0/projects/[org]/[project]/issues/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/issues/`,
    expect: byScope('event:read'),
  },
  {
    route: 'GET /api/0/organizations/[org]/issues/',
    url: (w) => `/api/0/organizations/${w.orgA}/issues/`,
    expect: byScope('event:read'),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/events/[eventId]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/events/${issuesApi.eventId}/`,
    expect: byScope('event:read'),
  },
  // Bulk: an empty change to issue A1; deleting an id that matches nothing (204 once authorized).
  {
    route: 'PUT /api/0/projects/[org]/[project]/issues/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/issues/?id=${w.issueA1}`,
    body: () => ({}),
    expect: byScope('event:write'),
  },
  {
    route: 'DELETE /api/0/projects/[org]/[project]/issues/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/issues/?id=0`,
    expect: byScope('event:admin', 204),
  },
  {
    route: 'PUT /api/0/organizations/[org]/issues/',
    url: (w) => `/api/0/organizations/${w.orgA}/issues/?id=${w.issueA1}`,
    body: () => ({}),
    expect: byScope('event:write'),
  },
  {
    route: 'DELETE /api/0/organizations/[org]/issues/',
    url: (w) => `/api/0/organizations/${w.orgA}/issues/?id=0`,
    expect: byScope('event:admin', 204),
  },
  ...issueRoutes(
    '/api/0/issues/[issueId]',
    (w, id) => `/api/0/issues/${id}`,
    each(() => issuesApi.doomed),
  ),
  ...issueRoutes(
    '/api/0/organizations/[org]/issues/[issueId]',
    (w, id) => `/api/0/organizations/${w.orgA}/issues/${id}`,
    each(() => issuesApi.doomedInOrg),
  ),
];

/** sentry-cli's upload routes take either scope, as Sentry's do. */
const UPLOAD = { anyOf: ['project:releases', 'project:write'] as const };
const NO_ID = 999999999;
/**
 * Issue comments, org tag facets, usage, source-map uploads and bundles, project-scoped releases and files (a
 * release without files lists none).
 */
const TRIAGE_AND_SOURCEMAP_ROUTES: RouteRow[] = [
  {
    route: 'GET /api/0/issues/[issueId]/comments/',
    url: (w) => `/api/0/issues/${w.issueA1}/comments/`,
    expect: byIssueScope('event:read'),
  },
  // An empty comment: the permission check comes first, and nothing is written.
  {
    route: 'POST /api/0/issues/[issueId]/comments/',
    url: (w) => `/api/0/issues/${w.issueA1}/comments/`,
    body: () => ({}),
    expect: byIssueScope('event:write', 400),
  },
  {
    route: 'PUT /api/0/issues/[issueId]/comments/[commentId]/',
    url: (w) => `/api/0/issues/${w.issueA1}/comments/${NO_ID}/`,
    body: () => ({ text: 'x' }),
    expect: byIssueScope('event:write', 404),
  },
  {
    route: 'DELETE /api/0/issues/[issueId]/comments/[commentId]/',
    url: (w) => `/api/0/issues/${w.issueA1}/comments/${NO_ID}/`,
    expect: byIssueScope('event:write', 404),
  },
  {
    route: 'GET /api/0/organizations/[org]/tags/',
    url: (w) => `/api/0/organizations/${w.orgA}/tags/`,
    expect: byScope('event:read'),
  },
  {
    route: 'GET /api/0/organizations/[org]/tags/[key]/values/',
    url: (w) => `/api/0/organizations/${w.orgA}/tags/level/values/`,
    expect: byScope('event:read'),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/usage/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/usage/`,
    expect: byScope('project:read'),
  },
  {
    route: 'GET /api/0/organizations/[org]/chunk-upload/',
    url: (w) => `/api/0/organizations/${w.orgA}/chunk-upload/`,
    expect: byAnyScope(UPLOAD),
  },
  // Not multipart: refused after the permission check.
  {
    route: 'POST /api/0/organizations/[org]/chunk-upload/',
    url: (w) => `/api/0/organizations/${w.orgA}/chunk-upload/`,
    body: () => ({}),
    expect: byAnyScope(UPLOAD, 400),
  },
  {
    route: 'POST /api/0/organizations/[org]/artifactbundle/assemble/',
    url: (w) => `/api/0/organizations/${w.orgA}/artifactbundle/assemble/`,
    body: () => ({}),
    expect: byAnyScope(UPLOAD, 400),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/files/artifact-bundles/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/files/artifact-bundles/`,
    expect: byScope('project:read'),
  },
  {
    route: 'DELETE /api/0/projects/[org]/[project]/files/artifact-bundles/[bundleId]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/files/artifact-bundles/${NO_ID}/`,
    expect: byScope('project:admin', 404),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/releases/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/`,
    expect: byScope('org:read'),
  },
  // Invalid body (no version): the permission check comes first, and nothing is created.
  {
    route: 'POST /api/0/projects/[org]/[project]/releases/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/`,
    body: () => ({}),
    expect: byScope('project:releases', 400),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/releases/[version]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/${encodeURIComponent(orgApi.release)}/`,
    expect: byScope('org:read'),
  },
  // An empty update: it links the release to the URL's project (it is linked already) and changes nothing else.
  {
    route: 'PUT /api/0/projects/[org]/[project]/releases/[version]/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/${encodeURIComponent(orgApi.release)}/`,
    body: () => ({}),
    expect: byScope('project:releases'),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/releases/[version]/files/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/no-such-release/files/`,
    expect: byScope('org:read'),
  },
  {
    route: 'POST /api/0/projects/[org]/[project]/releases/[version]/files/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/releases/no-such-release/files/`,
    body: () => ({}),
    expect: byAnyScope(UPLOAD, 400),
  },
];

/** Alert channels and rules: Sentry's alternatives (org:write or alerts:write manages...); no ids are created. */
const NO_CHANNEL = '/api/0/organizations/ORG/alert-channels/999999999/';
const NO_RULE = '/api/0/projects/ORG/PROJECT/rules/999999999/';
const ALERTS_ROUTES: RouteRow[] = [
  {
    route: 'GET /api/0/organizations/[org]/alert-channels/',
    url: (w) => `/api/0/organizations/${w.orgA}/alert-channels/`,
    expect: byAnyScope(ALERT_SCOPES.channelRead),
  },
  // Invalid settings: the permission check comes first, and nothing is created.
  {
    route: 'POST /api/0/organizations/[org]/alert-channels/',
    url: (w) => `/api/0/organizations/${w.orgA}/alert-channels/`,
    body: () => ({ name: 'x', type: 'dingtalk', config: { webhookUrl: 'ftp://x' } }),
    expect: byAnyScope(ALERT_SCOPES.channelWrite, 400),
  },
  {
    route: 'GET /api/0/organizations/[org]/alert-channels/[channelId]/',
    url: (w) => NO_CHANNEL.replace('ORG', w.orgA),
    expect: byAnyScope(ALERT_SCOPES.channelRead, 404),
  },
  {
    route: 'PUT /api/0/organizations/[org]/alert-channels/[channelId]/',
    url: (w) => NO_CHANNEL.replace('ORG', w.orgA),
    body: () => ({ name: 'x' }),
    expect: byAnyScope(ALERT_SCOPES.channelWrite, 404),
  },
  {
    route: 'DELETE /api/0/organizations/[org]/alert-channels/[channelId]/',
    url: (w) => NO_CHANNEL.replace('ORG', w.orgA),
    expect: byAnyScope(ALERT_SCOPES.channelWrite, 404),
  },
  {
    route: 'POST /api/0/organizations/[org]/alert-channels/[channelId]/test/',
    url: (w) => NO_CHANNEL.replace('ORG', w.orgA) + 'test/',
    expect: byAnyScope(ALERT_SCOPES.channelWrite, 404),
  },
  {
    route: 'GET /api/0/organizations/[org]/alert-channels/[channelId]/deliveries/',
    url: (w) => NO_CHANNEL.replace('ORG', w.orgA) + 'deliveries/',
    expect: byAnyScope(ALERT_SCOPES.channelRead, 404),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/rules/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/rules/`,
    expect: byAnyScope(ALERT_SCOPES.ruleRead),
  },
  {
    route: 'POST /api/0/projects/[org]/[project]/rules/',
    url: (w) => `/api/0/projects/${w.orgA}/${w.projectA1}/rules/`,
    body: () => ({ name: 'x', trigger: 'new_issue', channels: [] }),
    expect: byAnyScope(ALERT_SCOPES.ruleWrite, 400),
  },
  {
    route: 'GET /api/0/projects/[org]/[project]/rules/[ruleId]/',
    url: (w) => NO_RULE.replace('ORG', w.orgA).replace('PROJECT', w.projectA1),
    expect: byAnyScope(ALERT_SCOPES.ruleRead, 404),
  },
  {
    route: 'PUT /api/0/projects/[org]/[project]/rules/[ruleId]/',
    url: (w) => NO_RULE.replace('ORG', w.orgA).replace('PROJECT', w.projectA1),
    body: () => ({ name: 'x' }),
    expect: byAnyScope(ALERT_SCOPES.ruleWrite, 404),
  },
  {
    route: 'DELETE /api/0/projects/[org]/[project]/rules/[ruleId]/',
    url: (w) => NO_RULE.replace('ORG', w.orgA).replace('PROJECT', w.projectA1),
    expect: byAnyScope(ALERT_SCOPES.ruleWrite, 404),
  },
];

const ROUTES: RouteRow[] = [
  { route: 'GET /api/0/api-tokens/', url: () => '/api/0/api-tokens/', expect: sessionOnly(200) },
  {
    route: 'POST /api/0/api-tokens/',
    url: () => '/api/0/api-tokens/',
    body: () => ({ scopes: ['org:read'] }),
    expect: sessionOnly(201),
  },
  // Someone else's token id: never found, whatever the role.
  {
    route: 'DELETE /api/0/api-tokens/',
    url: (w) => `/api/0/api-tokens/?tokenId=${w.victimTokenId}`,
    expect: sessionOnly(404),
  },
  { route: 'GET /api/0/users/', url: () => '/api/0/users/', expect: superuserOnly(200) },
  // Invalid body: proves the permission check runs first without creating anyone.
  {
    route: 'POST /api/0/users/',
    url: () => '/api/0/users/',
    body: () => ({ email: 'not-an-email' }),
    expect: (a) => (a === 'token' || a === 'token-missing-scope' ? 403 : superuserOnly(400)(a)),
  },
  {
    route: 'PUT /api/0/users/[userId]/',
    url: (w) => `/api/0/users/${w.users.victim.id}/`,
    body: () => ({ isActive: true }),
    expect: (a) => (a.startsWith('token') ? 403 : superuserOnly(200)(a)),
  },
  {
    route: 'POST /api/0/ldap-test/',
    url: () => '/api/0/ldap-test/',
    body: () => ({ username: 'nobody' }),
    expect: (a) => (a.startsWith('token') ? 403 : superuserOnly(200)(a)),
  },
  {
    route: 'GET /api/0/internal/dead-letters/',
    url: () => '/api/0/internal/dead-letters/',
    expect: superuserOnly(200),
  },
  {
    route: 'POST /api/0/internal/dead-letters/',
    url: () => '/api/0/internal/dead-letters/',
    body: () => ({ action: 'delete', ids: ['1-0'] }),
    expect: superuserOnly(200),
  },
  { route: 'GET /api/0/internal/status/', url: () => '/api/0/internal/status/', expect: superuserOnly(200) },
  ...ORG_API_ROUTES,
  ...ISSUES_API_ROUTES,
  ...ALERTS_ROUTES,
  ...TRIAGE_AND_SOURCEMAP_ROUTES,
];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : [],
  );
}

/** `METHOD /api/0/...` for every handler exported by a route file under app/api/0. */
function routesOnDisk(): string[] {
  const out: string[] = [];
  for (const file of routeFiles('app/api/0')) {
    const src = readFileSync(file, 'utf8');
    const urlPath =
      '/' + path.dirname(path.relative('app', file)).split(path.sep).join('/').replace(/%5F/gi, '_') + '/';
    const methods = new Set<string>();
    for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
      methods.add(m[1]);
    for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
      for (const n of m[1].matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(n[1]);
    for (const method of methods) out.push(`${method} ${urlPath}`);
  }
  return out.sort();
}

const sessions = new Map<Actor, SessionClient>();

async function call(actor: Actor, row: RouteRow): Promise<number> {
  const headers: Record<string, string> = {};
  let client: SessionClient | undefined;
  if (actor === 'token' || actor === 'token-missing-scope') headers.authorization = `Bearer ${w.tokens[actor]}`;
  else if (actor !== 'none') {
    client = sessions.get(actor);
    if (!client) {
      client = new SessionClient(baseUrl(), `10.3.0.${sessions.size + 1}`);
      const u = w.users[actor];
      if (!(await client.signIn(u.email, u.password)).ok) throw new Error(`${actor} could not sign in`);
      sessions.set(actor, client);
    }
  }
  const body = row.body?.(w);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init = {
    method: row.route.split(' ')[0],
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  const r = client
    ? await client.fetch(row.url(w), init)
    : await fetch(baseUrl() + row.url(w), { ...init, redirect: 'manual' });
  await r.arrayBuffer();
  return r.status;
}

describe('/api/0 route matrix', () => {
  it('has a row for every route handler under app/api/0', () => {
    const covered = new Set(ROUTES.map((r) => r.route));
    const missing = routesOnDisk().filter((r) => !covered.has(r));
    expect(missing, 'add these to ROUTES in tests/integration/auth-matrix.test.ts').toEqual([]);
  });

  it.each(ROUTES.map((r) => [r.route, r] as const))('%s', async (_name, row) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const actor of ACTORS) {
      got[actor] = await call(actor, row);
      want[actor] = row.expect(actor);
    }
    expect(got).toEqual(want);
  });
});
