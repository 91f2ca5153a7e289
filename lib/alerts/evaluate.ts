// Alert rules, evaluated by the event worker once per stored batch (after it commits): match triggers and
// filters, count frequency windows from the Event table, take the throttle atomically, enqueue deliveries.
// Sending happens later in the delivery loop (workers/alertWorker.ts), so a slow or broken channel never
// slows ingestion, and nothing here throws to the worker.
import type { Db } from '../db.ts';
import type { StoredEvent } from '../digest/types.ts';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { isFrequencyTrigger, ruleSpecFromRow, type RuleSpec } from './ruleSchema.ts';
import { filtersMatch, frequencyExceeded, throttleAllows, triggerApplies, windowEnvironment } from './match.ts';
import { countEventsSince, countUsersSince, lockLastFired, markFired } from './queries/rules.ts';
import { issueFacts, stackExcerpt, type IssueAlert } from './message.ts';
import { assigneeEmails, assigneeChannelId } from './assignee.ts';

interface LoadedRule {
  spec: RuleSpec;
  channels: { id: number; type: string }[];
}

interface Candidate {
  rule: LoadedRule;
  issueId: number;
  event: StoredEvent;
  /** Events of this issue in the batch that matched (for `every_event`). */
  matched: number;
}

export async function evaluateAlerts(db: Db, stored: StoredEvent[]): Promise<void> {
  try {
    await evaluate(db, stored);
  } catch (e) {
    log.error('alert evaluation failed', { err: e, events: stored.length });
  }
}

async function loadRules(db: Db, projectIds: number[]): Promise<Map<number, LoadedRule[]>> {
  const rows = await db.alertRule.findMany({
    where: { projectId: { in: projectIds }, isActive: true },
    include: { channels: { include: { channel: { select: { id: true, type: true, isActive: true } } } } },
    orderBy: { id: 'asc' },
  });
  const byProject = new Map<number, LoadedRule[]>();
  for (const row of rows) {
    const spec = ruleSpecFromRow(row);
    if (!spec) {
      log.warn('skipping alert rule with invalid settings', { ruleId: row.id });
      continue;
    }
    const channels = row.channels
      .filter((c) => c.channel.isActive)
      .map((c) => ({ id: c.channel.id, type: c.channel.type }));
    if (!channels.length && !spec.notifyAssignee) continue;
    const list = byProject.get(row.projectId) ?? [];
    list.push({ spec, channels });
    byProject.set(row.projectId, list);
  }
  return byProject;
}

async function evaluate(db: Db, stored: StoredEvent[]): Promise<void> {
  if (!stored.length) return;
  const rules = await loadRules(db, [...new Set(stored.map((s) => s.projectId))]);
  if (!rules.size) return;
  const relevant = stored.filter((s) => rules.has(s.projectId));
  const issues = await loadIssues(db, [...new Set(relevant.map((s) => s.issueId))]);

  const candidates = new Map<string, Candidate>();
  for (const ev of relevant) {
    const issue = issues.get(ev.issueId);
    if (!issue) continue;
    for (const rule of rules.get(ev.projectId)!) {
      if (!triggerApplies(rule.spec.trigger, ev) || !filtersMatch(rule.spec.filters, ev, issue)) continue;
      const key = `${rule.spec.id}:${ev.issueId}`;
      const c = candidates.get(key);
      // The latest matching event of the batch speaks for the issue.
      if (c) candidates.set(key, { ...c, event: ev, matched: c.matched + 1 });
      else candidates.set(key, { rule, issueId: ev.issueId, event: ev, matched: 1 });
    }
  }
  if (!candidates.size) return;

  const eventData = new Map(
    (
      await db.event.findMany({
        where: {
          OR: [...candidates.values()].map((c) => ({ projectId: c.event.projectId, eventId: c.event.eventId })),
        },
        select: { eventId: true, projectId: true, data: true },
      })
    ).map((e) => [`${e.projectId}:${e.eventId}`, e.data]),
  );

  for (const c of candidates.values()) {
    try {
      await fire(db, c, issues.get(c.issueId)!, eventData.get(`${c.event.projectId}:${c.event.eventId}`));
    } catch (e) {
      log.error('alert rule evaluation failed', { err: e, ruleId: c.rule.spec.id, issueId: c.issueId });
    }
  }
}

type LoadedIssue = Awaited<ReturnType<typeof loadIssues>> extends Map<number, infer I> ? I : never;

async function loadIssues(db: Db, ids: number[]) {
  const rows = await db.issue.findMany({
    where: { id: { in: ids } },
    include: { project: { select: { slug: true, org: { select: { id: true, slug: true } } } } },
  });
  return new Map(rows.map((i) => [i.id, i]));
}

/** Checks the frequency window, then takes the throttle and enqueues the deliveries in one transaction. */
async function fire(db: Db, c: Candidate, issue: LoadedIssue, eventData: unknown): Promise<void> {
  const baseUrl = config().url;
  const { spec } = c.rule;
  let reason =
    spec.trigger === 'new_issue'
      ? 'New issue'
      : spec.trigger === 'regression'
        ? 'Regression'
        : c.matched > 1
          ? `${c.matched} new events`
          : 'New event';
  if (isFrequencyTrigger(spec.trigger) && spec.triggerConfig) {
    const { threshold, windowMinutes } = spec.triggerConfig;
    const since = new Date(Date.now() - windowMinutes * 60_000);
    const env = windowEnvironment(spec.filters);
    const n =
      spec.trigger === 'frequency'
        ? await countEventsSince(db, c.issueId, since, env, threshold + 1)
        : await countUsersSince(db, c.issueId, since, env);
    if (!frequencyExceeded(n, threshold)) return;
    reason =
      spec.trigger === 'frequency'
        ? `Seen more than ${threshold} times in ${windowMinutes} min`
        : `Affecting ${n} users in ${windowMinutes} min`;
  }
  const message: IssueAlert = {
    kind: 'issue',
    reason,
    rule: { id: spec.id, name: spec.name },
    org: issue.project.org.slug,
    project: issue.project.slug,
    issue: issueFacts(issue, baseUrl),
    event: {
      eventId: c.event.eventId,
      environment: c.event.environment,
      release: c.event.release,
      level: c.event.level,
      timestamp: c.event.timestamp,
      stack: stackExcerpt(eventData),
    },
  };
  const deliveries = c.rule.channels.map((ch) => ({
    channelId: ch.id,
    ruleId: spec.id,
    issueId: issue.id,
    payload: message as object,
  }));
  if (spec.notifyAssignee) {
    const to = await assigneeEmails(db, issue);
    if (to.length) {
      const channelId =
        c.rule.channels.find((ch) => ch.type === 'email')?.id ?? (await assigneeChannelId(db, issue.project.org.id));
      deliveries.push({ channelId, ruleId: spec.id, issueId: issue.id, payload: { ...message, to } });
    }
  }
  if (!deliveries.length) return;
  const now = new Date();
  const fired = await db.$transaction(async (tx) => {
    const last = await lockLastFired(tx, spec.id, issue.id);
    if (!throttleAllows(last, now, spec.throttleMinutes)) return false;
    await markFired(tx, spec.id, issue.id, now);
    await tx.alertDelivery.createMany({ data: deliveries });
    return true;
  });
  if (fired) log.debug('alert rule fired', { ruleId: spec.id, issueId: issue.id, deliveries: deliveries.length });
}
