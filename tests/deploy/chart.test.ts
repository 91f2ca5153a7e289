// The Helm chart, checked without a cluster and (usually) without helm, which cannot be installed here:
// templates parse as YAML once their actions are blanked out, every value a template reads is declared in
// values.yaml (and every declared value is read), probes and OpenShift's restricted securityContext are in
// place, and the README's LDAP and email settings all have a value. `helm template` runs when helm is on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { isIngestTarget } from '../../lib/server/ingestPaths.ts';

const chart = path.resolve(import.meta.dirname, '../../deploy/helm/faultline');
const templatesDir = path.join(chart, 'templates');
const read = (f: string) => fs.readFileSync(path.join(templatesDir, f), 'utf8');
const manifests = fs.readdirSync(templatesDir).filter((f) => f.endsWith('.yaml'));
const allTemplateText = fs.readdirSync(templatesDir).map(read).join('\n');
const values = parse(fs.readFileSync(path.join(chart, 'values.yaml'), 'utf8')) as Record<string, unknown>;

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

/** Roles a template loops over, `range $role := list "web" "worker"`, each read as `$v := index $.Values $role`. */
function rolesOf(text: string): string[] {
  const list = /range \$role := list ((?:"[a-z]+"\s*)+)/.exec(text)?.[1] ?? '';
  return [...list.matchAll(/"([a-z]+)"/g)].map((m) => m[1]);
}

/** Value paths the templates read: `.Values.a.b` directly, and `$v.a.b` for each role of the template's loop. */
function referencedPaths(): string[] {
  const direct = [...allTemplateText.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)].map((m) => m[1].replace(/\.$/, ''));
  const perRole = fs
    .readdirSync(templatesDir)
    .map(read)
    .flatMap((text) =>
      [...text.matchAll(/\$v\.([A-Za-z0-9_.]+)/g)].flatMap((m) => rolesOf(text).map((r) => `${r}.${m[1]}`)),
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

  it('web and ingest have a /_health/ readiness probe, a liveness probe and a preStop; worker a liveness probe', () => {
    // One template for the one-port server's roles; its skeleton is the Deployment of each.
    const text = read('deployment-server.yaml');
    expect(rolesOf(text)).toEqual(['web', 'ingest']);
    expect(text).toContain('args: ["run", "{{ $role }}"]');
    expect(text).toContain('{{- if or (eq $role "web") $.Values.ingest.enabled }}');
    const [server] = docs('deployment-server.yaml');
    const container = server.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/_health/');
    expect(container.livenessProbe).toBeTruthy();
    expect(container.lifecycle.preStop).toBeTruthy();
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
    for (const f of ['deployment-server.yaml', 'deployment-worker.yaml', 'upgrade-job.yaml']) {
      const text = read(f);
      // `.` at the top of a template, `$` inside a range over roles.
      expect(text, f).toMatch(
        /securityContext:\n\s+\{\{- include "faultline.podSecurityContext" [.$] \| nindent 8 \}\}/,
      );
      expect(text, f).toMatch(/securityContext:\n\s+\{\{- include "faultline.securityContext" [.$] \| nindent 12 \}\}/);
      expect(text, f).toContain('include "faultline.tmpMount"'); // the read-only root needs a writable /tmp
    }
  });

  it('ingest is off by default, and its Service, HPA and PDB follow ingest.enabled like its Deployment', () => {
    expect((values.ingest as Doc).enabled).toBe(false);
    expect(rolesOf(read('service.yaml'))).toEqual(['web', 'ingest']);
    expect(read('service.yaml')).toContain('{{- if or (eq $role "web") $.Values.ingest.enabled }}');
    for (const f of ['hpa.yaml', 'pdb.yaml']) {
      expect(rolesOf(read(f)), f).toEqual(['web', 'ingest', 'worker']);
      expect(read(f), f).toMatch(
        /\{\{- if and \$v\.\w+\.enabled \(or \(ne \$role "ingest"\) \$\.Values\.ingest\.enabled\) \}\}/,
      );
    }
    // Selected by role: the ingest Service must never pick web pods, nor the web Service ingest pods.
    expect(read('service.yaml')).toContain('include "faultline.selectorLabels" (dict "root" $ "role" $role)');
  });

  it("the Ingress sends exactly lib/server's SDK ingest paths (numeric ids) to ingest, in each path style", () => {
    const text = read('ingress.yaml');
    expect((values.ingress as Doc).ingestPathStyle).toBe('nginx');
    // ingress-nginx with use-regex: `location ~* "^<path>"`, case-insensitive.
    const nginx = [...text.matchAll(/- path: "([^"]*\[0-9\][^"]*)"/g)].map((m) => new RegExp(`^${m[1]}`, 'i'));
    expect(nginx).toHaveLength(1);
    expect(text).toContain('"nginx.ingress.kubernetes.io/use-regex" "true"');
    // ALB: `*` is any run of characters, `?` one; the pattern covers the whole path.
    const albList = /range \$path := list ((?:"[^"]+"\s*)+)/.exec(text)![1];
    const alb = [...albList.matchAll(/"([^"]+)"/g)].map(
      (m) =>
        new RegExp(
          `^${m[1]
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        ),
    );
    expect(alb.length).toBeGreaterThan(0);
    const ingestPaths = ['/api/1/envelope/', '/api/1/envelope', '/api/42/store/', '/api/4294967295/store'];
    const otherPaths = [
      '/',
      '/auth/login',
      '/api/0/',
      '/api/0/projects/acme/backend/issues/',
      '/api/auth/session',
      '/api/1/minidump/',
      '/api/1/security/',
      '/api/1/envelope/extra',
      '/prefix/api/1/envelope/',
      '/_health/',
      '/metrics',
    ];
    for (const p of ingestPaths) expect(isIngestTarget(p), p).toBe(true);
    for (const p of otherPaths) expect(isIngestTarget(p), p).toBe(false);
    for (const [style, patterns] of [
      ['nginx', nginx],
      ['alb', alb],
    ] as const) {
      for (const p of ingestPaths)
        expect(
          patterns.some((r) => r.test(p)),
          `${style} ${p}`,
        ).toBe(true);
      for (const p of otherPaths)
        expect(
          patterns.some((r) => r.test(p)),
          `${style} ${p}`,
        ).toBe(false);
    }
    // Both go to the ingest Service, and only when ingest is on.
    expect(text).toContain('{{- if and $ingest (eq $style "nginx") }}');
    expect(text).toContain('{{- if and $ingest (eq $style "alb") }}');
    expect(text.match(/name: \{\{ \$ingestService \}\}/g)).toHaveLength(3); // nginx, alb, ingest.host
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
  /** The chart rendered by `helm template` with these `--set`s (besides a database and Redis); throws on failure. */
  const render = (...sets: string[]): Doc[] => {
    const args = [
      'template',
      'ci',
      chart,
      ...['database.host=db', 'redis.host=redis', ...sets].flatMap((v) => ['--set', v]),
    ];
    const r = spawnSync(helm, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return parseAllDocuments(r.stdout)
      .map((d) => d.toJS() as Doc)
      .filter(Boolean);
  };
  const find = (rendered: Doc[], kind: string, name: string) =>
    rendered.find((d) => d.kind === kind && d.metadata.name === name);

  it.skipIf(!helm)('renders with helm template, every document valid YAML', () => {
    const rendered = render('route.enabled=true', 'ingress.enabled=true');
    expect(rendered.map((d) => d.kind)).toContain('Deployment');
    // Ingest is off by default: nothing of it, and the Ingress sends everything to web.
    expect(rendered.filter((d) => d.metadata.name.endsWith('-ingest'))).toEqual([]);
    expect(find(rendered, 'ConfigMap', 'ci-faultline')!.data.FAULTLINE_INGEST_URL).toBeUndefined();
    const ingress = find(rendered, 'Ingress', 'ci-faultline')!;
    expect(ingress.spec.rules[0].http.paths).toEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: 'ci-faultline', port: { name: 'http' } } } },
    ]);
  });

  it.skipIf(!helm)('renders the ingest Deployment, Service, HPA, PDB, Ingress rules and Route when enabled', () => {
    const rendered = render(
      'ingest.enabled=true',
      'ingest.autoscaling.enabled=true',
      'ingest.host=ingest.example.com',
      'ingress.enabled=true',
      'route.enabled=true',
    );
    const deployment = find(rendered, 'Deployment', 'ci-faultline-ingest')!;
    const pod = deployment.spec.template;
    expect(pod.spec.containers[0].args).toEqual(['run', 'ingest']);
    expect(pod.spec.containers[0].readinessProbe.httpGet.path).toBe('/_health/');
    expect(pod.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(deployment.spec.replicas).toBeUndefined(); // the HPA owns it
    expect(deployment.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('ingest');
    expect(pod.metadata.labels['app.kubernetes.io/component']).toBe('ingest');
    const service = find(rendered, 'Service', 'ci-faultline-ingest')!;
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(find(rendered, 'Service', 'ci-faultline')!.spec.selector['app.kubernetes.io/component']).toBe('web');
    expect(find(rendered, 'HorizontalPodAutoscaler', 'ci-faultline-ingest')!.spec.scaleTargetRef.name).toBe(
      'ci-faultline-ingest',
    );
    expect(find(rendered, 'PodDisruptionBudget', 'ci-faultline-ingest')!.spec.selector.matchLabels).toEqual(
      deployment.spec.selector.matchLabels,
    );
    const ingress = find(rendered, 'Ingress', 'ci-faultline')!;
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/use-regex']).toBe('true');
    const [main, ingestHost] = ingress.spec.rules;
    const backends = (rule: Doc) => rule.http.paths.map((p: Doc) => [p.path, p.backend.service.name]);
    expect(backends(main)).toEqual([
      ['/api/[0-9]+/(envelope|store)/?$', 'ci-faultline-ingest'],
      ['/', 'ci-faultline'],
    ]);
    expect(ingestHost.host).toBe('ingest.example.com');
    expect(backends(ingestHost)).toEqual([['/', 'ci-faultline-ingest']]);
    const route = find(rendered, 'Route', 'ci-faultline-ingest')!;
    expect(route.spec).toMatchObject({ host: 'ingest.example.com', to: { name: 'ci-faultline-ingest' } });
    expect(find(rendered, 'Route', 'ci-faultline')!.spec.to.name).toBe('ci-faultline');
    // DSNs name the ingest host, with the scheme of `url`.
    const config = find(rendered, 'ConfigMap', 'ci-faultline')!.data;
    expect(config.FAULTLINE_INGEST_URL).toBe(`${new URL(config.FAULTLINE_URL).protocol}//ingest.example.com`);

    const alb = render('ingest.enabled=true', 'ingress.enabled=true', 'ingress.ingestPathStyle=alb');
    const albIngress = find(alb, 'Ingress', 'ci-faultline')!;
    expect(albIngress.metadata.annotations).toBeUndefined();
    expect(backends(albIngress.spec.rules[0]).at(-1)).toEqual(['/', 'ci-faultline']);
    expect(
      backends(albIngress.spec.rules[0])
        .slice(0, -1)
        .every(([, s]: string[]) => s === 'ci-faultline-ingest'),
    ).toBe(true);
    expect(() => render('ingest.enabled=true', 'ingress.enabled=true', 'ingress.ingestPathStyle=traefik')).toThrow(
      /ingestPathStyle must be nginx, alb or empty/,
    );
  });
});
