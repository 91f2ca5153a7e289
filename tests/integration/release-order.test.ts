// Release order in the status rules when releases are first seen together: one batch creates both, so they share a
// creation time. Semver decides when both versions parse; otherwise the first-seen order with a stable tie-break.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { sqlPool } from '../../lib/sql.ts';
import { storeEvents } from '../../lib/digest/storeEvents.ts';
import { preparedEvent } from '../../lib/digest/testEvents.ts';
import { makeProject } from '../harness/fixtures.ts';

const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 10, min)).toISOString();
let nextId = Math.floor(Math.random() * 1e9);

async function store(projectId: number, releases: string[]) {
  await storeEvents(
    sqlPool(),
    releases.map((release, i) => preparedEvent({ projectId, id: nextId++, bug: 'OrderBug', at: at(i), release })),
  );
  const [issue] = await db().issue.findMany({ where: { projectId } });
  return issue;
}

describe('release order of releases first seen in one batch', () => {
  // [first event's release, second event's release, the older of the two]
  it.each([
    ['api@1', 'api@2', 'api@1'],
    ['api@2', 'api@1', 'api@1'],
    ['shop@1.10.0', 'shop@1.9.0', 'shop@1.9.0'],
    ['1.0.0', '1.0.0-rc1', '1.0.0-rc1'],
  ])(
    'events %s then %s: an issue resolved in the newer stays resolved for %s, reopens for the newer',
    async (first, second, older) => {
      const { project } = await makeProject();
      const issue = await store(project.id, [first, second]);
      const releases = await db().release.findMany({
        where: { version: { in: [first, second] }, projects: { some: { projectId: project.id } } },
      });
      expect(new Set(releases.map((r) => r.createdAt.getTime())).size).toBe(1); // the tie the old rule left to chance
      const newer = older === first ? second : first;
      await db().issue.update({
        where: { id: issue.id },
        data: { status: 'resolved', resolvedInRelease: newer, statusDetails: { inRelease: newer } },
      });
      expect((await store(project.id, [older])).status).toBe('resolved');
      expect(await store(project.id, [newer])).toMatchObject({ status: 'unresolved', substatus: 'regressed' });
    },
  );

  it('orders versions that are not semver by first seen, the same way every time', async () => {
    const { project } = await makeProject();
    const issue = await store(project.id, ['nightly-b', 'nightly-a']);
    const order = await db().release.findMany({
      where: { projects: { some: { projectId: project.id } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const [older, newer] = order.map((r) => r.version);
    await db().issue.update({
      where: { id: issue.id },
      data: { status: 'resolved', resolvedInRelease: newer, statusDetails: { inRelease: newer } },
    });
    for (let i = 0; i < 3; i++) expect((await store(project.id, [older])).status).toBe('resolved');
    expect((await store(project.id, [newer])).status).toBe('unresolved');
  });
});
