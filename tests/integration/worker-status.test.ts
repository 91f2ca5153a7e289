// What new events do to an issue's status and to releases, through the real ingest path and worker:
// resolve in next release / in a release, ignores that end by time or by event count, releases from events.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { makeProject } from '../harness/fixtures.ts';
import { storeEvents, waitFor } from './issues-support.ts';

const bug = (release: string | null, n: number) => ({
  event_id: `${n.toString(16).padStart(8, '0')}${'c'.repeat(24)}`,
  release: release ?? undefined,
  exception: {
    values: [
      {
        type: 'ValueError',
        value: `bad input ${n}`,
        stacktrace: { frames: [{ filename: 'app/orders.py', function: 'place', in_app: true, lineno: 10 }] },
      },
    ],
  },
  platform: 'python',
});

async function onlyIssue(projectId: number) {
  const issues = await db().issue.findMany({ where: { projectId } });
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe('worker: status on new events', () => {
  it('keeps an issue resolved in the next release for the current release; reopens it on a newer one', async () => {
    const { project, key, org } = await makeProject();
    await storeEvents(project, key.publicKey, [bug('shop@1.0', 1)]);
    let issue = await onlyIssue(project.id);
    await db().issue.update({
      where: { id: issue.id },
      data: { status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: 'shop@1.0' } },
    });
    await storeEvents(project, key.publicKey, [bug('shop@1.0', 2), bug(null, 3)]);
    issue = await onlyIssue(project.id);
    expect(issue.status).toBe('resolved');
    expect(issue.eventCount).toBe(3n);
    await storeEvents(project, key.publicKey, [bug('shop@1.1', 4)]);
    issue = await onlyIssue(project.id);
    expect(issue).toMatchObject({
      status: 'unresolved',
      substatus: 'regressed',
      isRegression: true,
      eventCount: 4n,
      lastRelease: 'shop@1.1',
      firstRelease: 'shop@1.0',
    });
    expect(issue.statusDetails).toEqual({});
    // Both releases exist for the org, linked to the project; 1.0 brought the issue.
    const releases = await db().release.findMany({
      where: { orgId: org.id },
      include: { projects: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(releases.map((r) => r.version)).toEqual(['shop@1.0', 'shop@1.1']);
    expect(releases.map((r) => r.projects.map((p) => [p.projectId, p.newIssues]))).toEqual([
      [[project.id, 1]],
      [[project.id, 0]],
    ]);
  });

  it('keeps an issue resolved in a release for older releases and reopens it for that release', async () => {
    const { project, key } = await makeProject();
    await storeEvents(project, key.publicKey, [bug('api@1', 1), bug('api@2', 2)]);
    let issue = await onlyIssue(project.id);
    await db().issue.update({
      where: { id: issue.id },
      data: { status: 'resolved', resolvedInRelease: 'api@2', statusDetails: { inRelease: 'api@2' } },
    });
    await storeEvents(project, key.publicKey, [bug('api@1', 3)]);
    expect((await onlyIssue(project.id)).status).toBe('resolved');
    await storeEvents(project, key.publicKey, [bug('api@2', 4)]);
    issue = await onlyIssue(project.id);
    expect(issue).toMatchObject({ status: 'unresolved', substatus: 'regressed', resolvedInRelease: null });
  });

  it('ends an ignore after N more events, and one whose time has passed', async () => {
    const { project, key } = await makeProject();
    await storeEvents(project, key.publicKey, [bug(null, 1)]);
    let issue = await onlyIssue(project.id);
    await db().issue.update({
      where: { id: issue.id },
      data: { status: 'ignored', ignoreUntilCount: issue.eventCount + 2n, statusDetails: { ignoreCount: 2 } },
    });
    await storeEvents(project, key.publicKey, [bug(null, 2)]);
    expect((await onlyIssue(project.id)).status).toBe('ignored');
    await storeEvents(project, key.publicKey, [bug(null, 3)]);
    issue = await onlyIssue(project.id);
    expect(issue).toMatchObject({
      status: 'unresolved',
      substatus: 'escalating',
      ignoreUntilCount: null,
      isRegression: false,
    });

    await db().issue.update({
      where: { id: issue.id },
      data: {
        status: 'ignored',
        ignoredUntil: new Date(Date.now() + 3_600_000),
        statusDetails: { ignoreDuration: 60 },
      },
    });
    await storeEvents(project, key.publicKey, [bug(null, 4)]);
    expect((await onlyIssue(project.id)).status).toBe('ignored');
    await db().issue.update({ where: { id: issue.id }, data: { ignoredUntil: new Date(Date.now() - 1000) } });
    await storeEvents(project, key.publicKey, [bug(null, 5)]);
    issue = await onlyIssue(project.id);
    expect(issue).toMatchObject({ status: 'unresolved', substatus: 'ongoing', ignoredUntil: null, eventCount: 5n });
  });

  it('stores an event full of NUL characters instead of failing it', async () => {
    const { project, key } = await makeProject();
    await storeEvents(project, key.publicKey, [
      {
        message: 'nul \u0000 inside',
        tags: { 'k\u0000': 'v\u0000' },
        extra: { blob: 'a\u0000b' },
        user: { id: 'u\u00001' },
      },
    ]);
    const issue = await waitFor(
      () => db().issue.findFirst({ where: { projectId: project.id } }),
      (i) => !!i,
    );
    expect(issue!.title).toBe('nul \uFFFD inside');
    expect(issue!.userCount).toBe(1);
  });
});
