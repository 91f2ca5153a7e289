// The Helm chart, checked without a cluster and (usually) without helm, which cannot be installed here:
// templates parse as YAML once their actions are blanked out, every value a template reads is declared in
// values.yaml (and every declared value is read), probes and OpenShift's restricted securityContext are in
// place, and the README's LDAP and email settings all have a value. `helm template` runs when helm is on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const chart = path.resolve(import.meta.dirname, '../../deploy/helm/faultline');
const templatesDir = path.join(chart, 'templates');
const read = (f: string) => fs.readFileSync(path.join(templatesDir, f), 'utf8');
const manifests = fs.readdirSync(templatesDir).filter((f) => f.endsWith('.yaml'));
const allTemplateText = fs.readdirSync(templatesDir).map(read).join('\n');
const values = parse(fs.readFileSync(path.join(chart, 'values.yaml'), 'utf8')) as Record<string, unknown>;
/** Roles that templates loop over as `$v := index $.Values $role`. */
const ROLES = ['web', 'worker'];

type Doc = Record<string, any>;

/** A template's YAML skeleton: lines that are only actions go, actions inside a line become a placeholder
 * (numbered, so that keys printed by a range stay unique). */
function skeleton(text: string): string {
  let n = 0;
  return (
    text
      .replace(/\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g, '') // comments, possibly multi-line
      // Multi-line actions become one-line ones.
      .replace(/\{\{[\s\S]*?\}\}/g, (action) => (action.includes('\n') ? '{{}}' : action))
      .split('\n')
      .filter((line) => line.replace(/\{\{[\s\S]*?\}\}/g, '').trim() !== '')
      .map((line) => line.replace(/\{\{[\s\S]*?\}\}/g, () => `x${++n}`))
      .join('\n')
  );
}

function docs(file: string): Doc[] {
  return parseAllDocuments(skeleton(read(file)))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS() as Doc;
    })
    .filter(Boolean);
}

function has(obj: unknown, dotted: string): boolean {
  let cur = obj;
  for (const k of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(k in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[k];
  }
  return true;
}

/** Value paths the templates read: `.Values.a.b` directly, and `$v.a.b` for each role. */
function referencedPaths(): string[] {
  const direct = [...allTemplateText.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)].map((m) => m[1].replace(/\.$/, ''));
  const perRole = [...allTemplateText.matchAll(/\$v\.([A-Za-z0-9_.]+)/g)].flatMap((m) =>
    ROLES.map((r) => `${r}.${m[1]}`),
  );
  return [...new Set([...direct, ...perRole])];
}

/** Leaves of values.yaml; maps and lists that are free-form (resources, annotations, ...) count as leaves. */
function declaredLeaves(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length
      ? declaredLeaves(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

describe('Helm chart deploy/helm/faultline', () => {
  it('Chart.yaml and values.yaml are YAML, and every manifest template parses once its actions are blanked', () => {
    const meta = parse(fs.readFileSync(path.join(chart, 'Chart.yaml'), 'utf8'));
    expect(meta).toMatchObject({ apiVersion: 'v2', name: 'faultline' });
    expect(manifests.length).toBeGreaterThanOrEqual(10);
    const kinds = manifests.flatMap((f) => docs(f).map((d) => d.kind));
    for (const kind of [
      'Deployment',
      'Service',
      'Secret',
      'ConfigMap',
      'Job',
      'Ingress',
      'Route',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    // Templates with no actions at all parse as they are.
    for (const f of manifests.filter((f) => !read(f).includes('{{'))) parse(read(f));
  });

  it('every value a template reads is declared in values.yaml', () => {
    const missing = referencedPaths().filter((p) => !has(values, p));
    expect(missing).toEqual([]);
  });

  it('every value declared in values.yaml is read by a template', () => {
    const refs = referencedPaths();
    const unused = declaredLeaves(values).filter((leaf) => !refs.some((r) => leaf === r || leaf.startsWith(`${r}.`)));
    expect(unused).toEqual([]);
  });

  it('web has a /_health/ readiness probe and a liveness probe; the worker a liveness probe', () => {
    const [web] = docs('deployment-web.yaml');
    const webContainer = web.spec.template.spec.containers[0];
    expect(webContainer.args).toEqual(['run', 'web']);
    expect(webContainer.readinessProbe.httpGet.path).toBe('/_health/');
    expect(webContainer.livenessProbe).toBeTruthy();
    expect(webContainer.lifecycle.preStop).toBeTruthy();
    const [worker] = docs('deployment-worker.yaml');
    const workerContainer = worker.spec.template.spec.containers[0];
    expect(workerContainer.args).toEqual(['run', 'worker']);
    expect(workerContainer.livenessProbe.exec.command).toEqual(['node', '/app/lib/cli/healthcheck.mjs']);
    expect(fs.existsSync(path.resolve(import.meta.dirname, '../../lib/cli/healthcheck.mjs'))).toBe(true);
  });

  it("pods pass OpenShift's restricted SCC: no fixed UID, non-root, no capabilities, no escalation, seccomp", () => {
    const helpers = read('_helpers.tpl');
    const pod = helpers.match(/define "faultline.podSecurityContext"[\s\S]*?\{\{- end \}\}/)![0];
    const container = helpers.match(/define "faultline.securityContext"[\s\S]*?\{\{- end \}\}/)![0];
    expect(pod).toContain('"runAsNonRoot" true');
    expect(pod).toContain('"seccompProfile" (dict "type" "RuntimeDefault")');
    expect(container).toContain('"runAsNonRoot" true');
    expect(container).toContain('"allowPrivilegeEscalation" false');
    expect(container).toContain('"readOnlyRootFilesystem" true');
    expect(container).toContain('"capabilities" (dict "drop" (list "ALL"))');
    expect(allTemplateText).not.toMatch(/runAsUser|runAsGroup|fsGroup|privileged/);
    for (const f of ['deployment-web.yaml', 'deployment-worker.yaml', 'upgrade-job.yaml']) {
      const text = read(f);
      expect(text, f).toMatch(/securityContext:\n\s+\{\{- include "faultline.podSecurityContext" \. \| nindent 8 \}\}/);
      expect(text, f).toMatch(/securityContext:\n\s+\{\{- include "faultline.securityContext" \. \| nindent 12 \}\}/);
      expect(text, f).toContain('include "faultline.tmpMount"'); // the read-only root needs a writable /tmp
    }
  });

  it('migrations run in a pre-install/pre-upgrade Job, after the Secret it reads exists', () => {
    const [job] = docs('upgrade-job.yaml');
    expect(job.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(job.spec.template.spec.containers[0].args).toEqual(['upgrade']);
    const [secret] = docs('secret.yaml');
    expect(secret.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(Number(secret.metadata.annotations['helm.sh/hook-weight'])).toBeLessThan(
      Number(job.metadata.annotations['helm.sh/hook-weight']),
    );
  });

  it("every LDAP and email variable of the README's configuration table can be set from values", () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const vars = new Set([...readme.matchAll(/`((?:LDAP|EMAIL)_[A-Z_]+|SERVER_EMAIL)`/g)].map((m) => m[1]));
    expect(vars.size).toBeGreaterThan(25);
    const configmap = read('configmap.yaml');
    const secret = read('secret.yaml');
    const missing = [...vars].filter((v) => !configmap.includes(`"${v}"`) && !secret.includes(`${v}:`));
    expect(missing).toEqual([]);
  });

  const helm = spawnSync('sh', ['-c', 'command -v helm'], { encoding: 'utf8' }).stdout.trim();
  if (!helm)
    console.log('[chart] skipping `helm template`: no helm binary on PATH (it cannot be installed on these machines)');
  it.skipIf(!helm)('renders with helm template, every document valid YAML', () => {
    const r = spawnSync(
      helm,
      [
        'template',
        'ci',
        chart,
        '--set',
        'database.host=db',
        '--set',
        'redis.host=redis',
        '--set',
        'route.enabled=true',
        '--set',
        'ingress.enabled=true',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const rendered = parseAllDocuments(r.stdout)
      .map((d) => d.toJS())
      .filter(Boolean);
    expect(rendered.map((d) => d.kind)).toContain('Deployment');
  });
});
