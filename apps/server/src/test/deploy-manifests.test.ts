import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../config.js';
import { call, createTestApp } from './harness.js';
import {
  crossReferenceErrors,
  DEPLOY,
  type Doc,
  filesUnder,
  hasKubectl,
  kubectlKustomize,
  kustomizations,
  kustomize,
  type Loaded,
  podSpec,
  readYamlDocs,
  rel,
  REPO,
  schemaErrors,
  unknownFieldErrors,
} from './manifests.js';

/**
 * OPS-7: deploy/ cannot be applied here (no Docker engine, no cluster), so it is checked offline:
 * every YAML parses; every Kubernetes object — as written and as rendered by each kustomization —
 * validates against the Kubernetes schemas and names only fields that exist; references resolve;
 * the split Ingress sends every API route to a Deployment that mounts it; docker-compose.yml
 * validates against the Compose specification and its services are wired consistently.
 */

const K8S = path.join(DEPLOY, 'k8s');
const { dirs: kustomizationDirs, patchFiles } = kustomizations(K8S);
const kindOf = (dir: string) => readYamlDocs(path.join(dir, 'kustomization.yaml'))[0]?.kind;
const renderable = kustomizationDirs.filter((d) => kindOf(d) === 'Kustomization');
const objectFiles = filesUnder(K8S, /\.ya?ml$/).filter(
  (f) => !/^kustomization\.ya?ml$/.test(path.basename(f)) && !patchFiles.has(f),
);
const fileObjects = (): Loaded[] =>
  objectFiles.flatMap((f) => readYamlDocs(f).map((doc, i) => ({ doc, source: `${rel(f)}#${i + 1}` })));
const where = (o: Loaded) => `${o.source} (${o.doc.kind}/${o.doc.metadata?.name})`;

/** The roles deploy/entrypoint.sh accepts (its `case` labels). */
const ROLES = [
  ...fs.readFileSync(path.join(DEPLOY, 'entrypoint.sh'), 'utf8').matchAll(/^ {2}([a-z-]+)\)$/gm),
].map((m) => m[1]);

/** The Secret that only exists in the cluster (its template is secret.example.yaml). */
const EXTERNAL_SECRET = readYamlDocs(path.join(K8S, 'base/secret.example.yaml'))[0];

async function allSchemaErrors(objects: Loaded[]) {
  const errors: string[] = [];
  for (const o of objects) for (const e of await schemaErrors(o.doc)) errors.push(`${where(o)}: ${e}`);
  return errors;
}

/** What the brief asks of every Cartwheel workload: known role, probes on the health routes, resources. */
function workloadErrors(objects: Loaded[]): string[] {
  const errors: string[] = [];
  for (const o of objects) {
    const pod = podSpec(o.doc);
    for (const c of pod?.containers ?? []) {
      const at = `${where(o)} container ${c.name}`;
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
        errors.push(`${at}: needs cpu and memory requests and a memory limit`);
      if (!String(c.image).startsWith('cartwheel')) continue;
      if (!ROLES.includes(c.args?.[0]))
        errors.push(`${at}: args ${JSON.stringify(c.args)} is not one of ${ROLES}`);
      if (o.doc.kind !== 'Deployment') continue;
      if (c.readinessProbe?.httpGet?.path !== '/health/ready')
        errors.push(`${at}: readiness probe not on /health/ready`);
      if (c.livenessProbe?.httpGet?.path !== '/health/live')
        errors.push(`${at}: liveness probe not on /health/live`);
    }
  }
  return errors;
}

/** The external Secret is allowed to be missing only where no kustomization generates it. */
const externals = (objects: Loaded[]) =>
  new Set(
    objects.some((o) => o.doc.kind === 'Secret' && o.doc.metadata.name === EXTERNAL_SECRET.metadata.name)
      ? []
      : [`Secret/${EXTERNAL_SECRET.metadata.name}`],
  );

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('every YAML file in deploy/ parses', () => {
    const files = filesUnder(DEPLOY, /\.ya?ml$/);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(() => readYamlDocs(f), rel(f)).not.toThrow();
  });

  it('every object validates against the Kubernetes schema of its apiVersion and kind', async () => {
    const objects = fileObjects();
    expect(objects.length).toBeGreaterThan(15);
    expect(await allSchemaErrors(objects)).toEqual([]);
  });

  it('no object uses a field the Kubernetes API does not define', () => {
    expect(unknownFieldErrors(fileObjects())).toEqual([]);
  });

  it('every kustomization renders: its files exist and every patch applies to an object', () => {
    expect(renderable.length).toBeGreaterThanOrEqual(5);
    for (const dir of renderable) expect(() => kustomize(dir), rel(dir)).not.toThrow();
  });

  describe.each(['base', 'overlays/local', 'overlays/split'])('the %s layout, rendered', (layout) => {
    const dir = path.join(K8S, layout);

    it('is complete: schemas, fields, references, probes, resources', async () => {
      const objects = kustomize(dir);
      const kinds = new Set(objects.map((o) => o.doc.kind));
      for (const k of [
        'Namespace',
        'ConfigMap',
        'Job',
        'Deployment',
        'Service',
        'Ingress',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
      ])
        expect(kinds, `${layout} has a ${k}`).toContain(k);
      expect(await allSchemaErrors(objects)).toEqual([]);
      expect(unknownFieldErrors(objects)).toEqual([]);
      expect(crossReferenceErrors(objects, externals(objects))).toEqual([]);
      expect(workloadErrors(objects)).toEqual([]);
    });

    // The real renderer, where installed: same objects, and the same checks on its output.
    it.skipIf(!hasKubectl())('renders the same objects with kubectl kustomize', async () => {
      const real = kubectlKustomize(dir)!;
      // Generated ConfigMaps and Secrets get a content hash appended by kustomize.
      const unhashed = ({ doc }: Loaded) =>
        ['ConfigMap', 'Secret'].includes(doc.kind)
          ? doc.metadata.name.replace(/-[a-z0-9]{10}$/, '')
          : doc.metadata.name;
      const names = (list: Loaded[]) => list.map((o) => `${o.doc.kind}/${unhashed(o)}`).sort();
      expect(names(real)).toEqual(names(kustomize(dir)));
      expect(await allSchemaErrors(real)).toEqual([]);
      expect(unknownFieldErrors(real)).toEqual([]);
      expect(crossReferenceErrors(real, externals(real))).toEqual([]);
    });
  });
});

describe('the split layout (deploy/k8s/overlays/split)', () => {
  it('routes every API path to a Deployment whose SERVICES mounts it', async () => {
    const docs = kustomize(path.join(K8S, 'overlays/split')).map((o) => o.doc);
    const ingress = docs.find((d) => d.kind === 'Ingress' && d.metadata.name === 'cartwheel');
    const rules: Doc[] = ingress.spec.rules.flatMap((r: Doc) => r.http.paths);
    const segments = (p: string) => p.split('/').filter(Boolean);
    const useRegex = ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/use-regex'] === 'true';
    // A concrete URL for an OpenAPI path template: regex paths are matched against real requests.
    const concrete = (url: string) => url.replace(/\{[^}]+\}/g, '0b6f1c2e-8d4a-4f3b-9c1d-2e5f6a7b8c9d');
    // Kubernetes path matching: Exact first, then the longest Prefix by whole path segments. With
    // ingress-nginx's use-regex, every other path is a case-insensitive regex anchored at its start,
    // tried longest path first.
    const backend = (url: string) =>
      rules.find((r) => r.pathType === 'Exact' && r.path === url)?.backend.service.name ??
      (useRegex
        ? rules
            .filter((r) => r.pathType !== 'Exact' && new RegExp(`^${r.path}`, 'i').test(concrete(url)))
            .sort((a, b) => b.path.length - a.path.length)[0]?.backend.service.name
        : rules
            .filter(
              (r) => r.pathType === 'Prefix' && segments(r.path).every((s, i) => segments(url)[i] === s),
            )
            .sort((a, b) => segments(b.path).length - segments(a.path).length)[0]?.backend.service.name);
    const mountedBy = (serviceName: string): string[] => {
      const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === serviceName);
      const deployment = docs.find(
        (d) =>
          d.kind === 'Deployment' &&
          Object.entries(service?.spec.selector ?? {}).every(
            ([k, v]) => d.spec.template.metadata.labels[k] === v,
          ),
      );
      const env = deployment?.spec.template.spec.containers[0].env?.find((e: Doc) => e.name === 'SERVICES');
      return env?.value ? env.value.split(',') : [...SERVICE_NAMES];
    };

    const problems: string[] = [];
    let routes = 0;
    for (const group of SERVICE_NAMES) {
      const t = await createTestApp({ SERVICES: group });
      try {
        const doc = await call(t.app, 'GET', '/openapi.json');
        for (const url of Object.keys(doc.body.paths)) {
          routes++;
          const to = backend(url);
          if (!to || !mountedBy(to).includes(group))
            problems.push(
              `${url} is served by '${group}', but the split Ingress sends it to ${to ?? 'nothing'}` +
                ` (SERVICES=${to ? mountedBy(to).join(',') : '-'}): add its path prefix to` +
                ` deploy/k8s/overlays/split/ingress.yaml under the ${group} service`,
            );
        }
      } finally {
        await t.close();
      }
    }
    expect(routes).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const file = path.join(DEPLOY, 'docker-compose.yml');
  const [compose] = readYamlDocs(file);
  const services: Record<string, Doc> = compose.services;
  const envExample = fs.readFileSync(path.join(DEPLOY, '.env.example'), 'utf8');

  it('validates against the Compose specification schema', () => {
    // The compose-spec JSON schema, as shipped by the dclint package. Its $schema URL is not one
    // ajv knows by that spelling; the schema itself is draft-07.
    const { $schema: _, ...schema } = JSON.parse(
      fs.readFileSync(path.join(REPO, 'node_modules/dclint/schemas/compose.schema.json'), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validate(compose);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? []).toEqual([]);
  });

  it('runs the image roles with healthchecks and well-founded dependencies', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'proxy', 'redis', 'worker']);
    for (const [name, s] of Object.entries(services)) {
      if (s.image?.startsWith('${CARTWHEEL_IMAGE')) expect(ROLES, name).toContain(s.command?.[0]);
      const oneShot = s.restart === 'no';
      if (!oneShot) expect(s.healthcheck?.test, `${name} has a healthcheck`).toBeDefined();
      for (const [dep, { condition }] of Object.entries<Doc>(s.depends_on ?? {})) {
        expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
        if (condition === 'service_healthy')
          expect(services[dep]?.healthcheck, `${dep} has a healthcheck`).toBeDefined();
        if (condition === 'service_completed_successfully') expect(services[dep]?.restart, dep).toBe('no');
      }
    }
    expect(services.api.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(services.migrate.depends_on.postgres.condition).toBe('service_healthy');
    expect(services.postgres.image).toMatch(/^postgres:17\b/);
  });

  it('can scale the API: no fixed name or host port on api, one published port on the proxy', () => {
    expect(services.api.container_name).toBeUndefined();
    expect(services.api.ports).toBeUndefined();
    expect(services.proxy.ports).toHaveLength(1);
    const conf = fs.readFileSync(path.join(DEPLOY, 'nginx.conf'), 'utf8');
    expect(conf).toMatch(/server api:3000 resolve;/);
  });

  it('declares its volumes, and every file and variable it uses exists', () => {
    for (const s of Object.values(services)) {
      for (const v of s.volumes ?? []) {
        const source = String(v).split(':')[0]!;
        if (source.startsWith('.')) expect(fs.existsSync(path.resolve(DEPLOY, source)), source).toBe(true);
        else expect(compose.volumes, `volume ${source}`).toHaveProperty(source);
      }
      if (s.build)
        expect(fs.existsSync(path.resolve(DEPLOY, s.build.context, s.build.dockerfile))).toBe(true);
    }
    const used = new Set(
      [...fs.readFileSync(file, 'utf8').matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]),
    );
    const documented = new Set([...envExample.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
  });
});

describe('Dockerfile, .dockerignore and entrypoint', () => {
  const dockerfile = fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const instructions = dockerfile
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const ignore = fs
    .readFileSync(path.join(REPO, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
  // Literal patterns and `**/name` (any depth); other globs are not interpreted here.
  const ignored = (p: string) =>
    ignore.some((pat) =>
      pat.startsWith('**/') && !/[*?[]/.test(pat.slice(3))
        ? p.split('/').some((_, i, segs) => segs.slice(i).join('/').startsWith(pat.slice(3)))
        : !/[*?[]/.test(pat) && (p === pat || p.startsWith(`${pat}/`)),
    );

  it('the entrypoint offers api, worker and migrate, and is executable', () => {
    expect(ROLES).toEqual(['api', 'worker', 'migrate']);
    expect(fs.statSync(path.join(DEPLOY, 'entrypoint.sh')).mode & 0o111).not.toBe(0);
    expect(instructions).toContain('ENTRYPOINT ["/app/deploy/entrypoint.sh"]');
    const cmd = instructions.find((l) => l.startsWith('CMD '));
    expect(ROLES).toContain(JSON.parse(cmd!.slice(4))[0]);
  });

  it('runs as a non-root user on node:20-bookworm-slim, with a health check on /health/live', () => {
    expect(instructions).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    const users = instructions.filter((l) => l.startsWith('USER '));
    expect(users).toEqual(['USER 1000:1000']);
    expect(instructions.find((l) => l.startsWith('HEALTHCHECK '))).toContain('/health/live');
  });

  it('copies from the build context only files that exist and .dockerignore keeps', () => {
    const copies = instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='));
    const sources = copies.flatMap((l) =>
      l
        .split(/\s+/)
        .slice(1, -1)
        .filter((a) => !a.startsWith('--')),
    );
    expect(sources.length).toBeGreaterThan(1);
    for (const s of sources.filter((s) => s !== '.')) {
      expect(fs.existsSync(path.join(REPO, s)), s).toBe(true);
      expect(ignored(s), `${s} is excluded by .dockerignore`).toBe(false);
    }
    // Read by `RUN` steps after `COPY . .`: the lockfile, npm settings, migrations, the sources.
    for (const needed of ['package-lock.json', '.npmrc', 'apps/server/migrations', 'apps/server/src/main.ts'])
      expect(ignored(needed), needed).toBe(false);
    for (const secret of ['.env', 'deploy/.env', '.git/config']) expect(ignored(secret), secret).toBe(true);
  });
});
