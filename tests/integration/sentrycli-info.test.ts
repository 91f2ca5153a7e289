// The real sentry-cli binary: info, organizations list, projects list, and what an unserved command sees.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { baseUrl, makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { out, sentryCli } from './sentrycli-support.ts';

describe('sentry-cli info', () => {
  it('prints the server, defaults, the token’s user and scopes', async () => {
    const a = await makeProject();
    const u = await makeUser({ org: a.org.slug, role: 'admin' });
    const token = await makeToken(u.user.id, ['org:read', 'project:read', 'project:releases']);
    const r = sentryCli(['info'], { token, org: a.org.slug, project: a.project.slug });
    expect(r.code, out(r)).toBe(0);
    expect(r.stdout).toContain(`Sentry Server: ${baseUrl()}`);
    expect(r.stdout).toContain(`Default Organization: ${a.org.slug}`);
    expect(r.stdout).toContain(`Default Project: ${a.project.slug}`);
    expect(r.stdout).toContain('Method: Auth Token');
    expect(r.stdout).toContain(`User: ${u.email}`);
    expect(r.stdout).toMatch(/Scopes:\n\s+- org:read\n\s+- project:read\n\s+- project:releases\n/);
    expect(r.stderr).not.toContain('Unrecognized auth token format');
  });

  it('fails with a revoked token', async () => {
    const a = await makeProject();
    const u = await makeUser({ org: a.org.slug });
    const token = await makeToken(u.user.id);
    await db().apiToken.deleteMany({ where: { userId: u.user.id } });
    const r = sentryCli(['info', '--no-defaults'], { token });
    expect(r.code, out(r)).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/401|Invalid token/);
  });
});

describe('sentry-cli organizations and projects', () => {
  it('organizations list shows the caller’s organizations only', async () => {
    const a = await makeProject();
    const b = await makeProject();
    const other = await makeProject();
    await db().organization.update({ where: { id: b.org.id }, data: { name: 'Beta Widgets' } });
    const u = await makeUser({ org: a.org.slug, role: 'member' });
    await db().membership.create({ data: { orgId: b.org.id, userId: u.user.id, role: 'member' } });
    const r = sentryCli(['organizations', 'list'], { token: await makeToken(u.user.id) });
    expect(r.code, out(r)).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('|') && !l.includes('Slug'));
    expect(rows).toHaveLength(2);
    expect(r.stdout).toMatch(
      new RegExp(`\\| ${b.org.id}\\s+\\| Beta Widgets\\s+\\| ${b.org.slug}\\s+\\| \\d{4}-\\d\\d-\\d\\d`),
    );
    expect(r.stdout).toContain(a.org.slug);
    expect(r.stdout).not.toContain(other.org.slug);
  });

  it('projects list shows the org’s projects with id, slug and team, across pages', async () => {
    const a = await makeProject();
    const slugs = [a.project.slug];
    // More than one page of 100, so sentry-cli has to follow the Link header.
    for (let i = 0; i < 101; i++)
      slugs.push(
        (await ensureProject(db(), { org: a.org.slug, project: uniqueSlug(`p${i}`), team: a.team.slug })).project.slug,
      );
    const u = await makeUser({ org: a.org.slug, role: 'member' });
    const r = sentryCli(['projects', 'list'], { token: await makeToken(u.user.id), org: a.org.slug });
    expect(r.code, out(r)).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('|') && !l.includes('Slug'));
    expect(rows).toHaveLength(102);
    expect(r.stdout).toMatch(
      new RegExp(`\\| ${a.project.id}\\s+\\| ${a.project.slug}\\s+\\| ${a.team.name}\\s+\\| ${a.project.name}\\s+\\|`),
    );
    for (const s of slugs) expect(r.stdout).toContain(s);
  }, 120_000);

  it('projects list of another organization fails as not found', async () => {
    const a = await makeProject();
    const b = await makeProject();
    const u = await makeUser({ org: a.org.slug });
    const r = sentryCli(['projects', 'list'], { token: await makeToken(u.user.id), org: b.org.slug });
    expect(r.code, out(r)).not.toBe(0);
    expect(r.stderr).toMatch(/[Oo]rganization not found/);
  });
});
// `sentry-cli sourcemaps upload` is served now: tests/integration/sourcemaps-upload.test.ts (native debug files
// keep a JSON 404 there).
