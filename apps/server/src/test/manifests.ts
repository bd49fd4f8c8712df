import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import YAML from 'yaml';

/**
 * Offline checks of deploy/ (used by deploy-manifests.test.ts): YAML parsing, a small kustomize
 * renderer (resources, components, generators, patches, labels, name suffixes — what deploy/k8s
 * uses), Kubernetes schema validation and cross-references between objects.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are arbitrary YAML, walked field by field
export type Doc = any;
export type Loaded = { doc: Doc; source: string };

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const DEPLOY = path.join(REPO, 'deploy');
export const rel = (p: string) => path.relative(REPO, p);

/** Every document of a YAML file (merge keys resolved, as Compose does); any error or warning throws. */
export function readYamlDocs(file: string): Doc[] {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length) throw new Error(`${rel(file)}: ${problems.map((e) => e.message).join('; ')}`);
  }
  return list.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined);
}

/** Every file under `dir` whose name matches. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => pattern.test(path.basename(f)) && fs.statSync(f).isFile())
    .sort();
}

const isObject = (v: unknown): v is Record<string, Doc> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);
const id = (doc: Doc) => `${doc?.kind}/${doc?.metadata?.name}`;

// ---------------------------------------------------------------------------------------------
// kustomize, the parts deploy/k8s uses. Unsupported fields fail loudly rather than pass silently.

const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'labels',
  'commonAnnotations',
  'images',
  'patches',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);
const API_VERSIONS = {
  Kustomization: 'kustomize.config.k8s.io/v1beta1',
  Component: 'kustomize.config.k8s.io/v1alpha1',
};

/** Renders a kustomization directory into its objects, checking every reference on the way. */
export function kustomize(dir: string): Loaded[] {
  return build(path.resolve(dir), 'Kustomization', []);
}

/** Kustomization directories under `dir`, and the files their patches read (partial objects). */
export function kustomizations(dir: string) {
  const dirs = filesUnder(dir, /^kustomization\.ya?ml$/).map((f) => path.dirname(f));
  const patchFiles = new Set<string>();
  for (const d of dirs) {
    const [k] = readYamlDocs(kustomizationFile(d));
    for (const p of k?.patches ?? []) if (p.path) patchFiles.add(path.resolve(d, p.path));
  }
  return { dirs, patchFiles };
}

function kustomizationFile(dir: string) {
  const file = ['kustomization.yaml', 'kustomization.yml'].map((f) => path.join(dir, f)).find(fs.existsSync);
  if (!file) throw new Error(`${rel(dir)}: no kustomization.yaml`);
  return file;
}

function build(dir: string, kind: keyof typeof API_VERSIONS, inherited: Loaded[]): Loaded[] {
  const file = kustomizationFile(dir);
  const where = rel(file);
  const [k] = readYamlDocs(file);
  if (!isObject(k)) throw new Error(`${where}: empty`);
  if (k.kind !== kind || k.apiVersion !== API_VERSIONS[kind])
    throw new Error(
      `${where}: expected kind ${kind} (${API_VERSIONS[kind]}), got ${k.kind} (${k.apiVersion})`,
    );
  const unknown = Object.keys(k).filter((f) => !KUSTOMIZATION_FIELDS.has(f));
  if (unknown.length) throw new Error(`${where}: unsupported or misspelt field(s) ${unknown.join(', ')}`);

  let objects = [...inherited];
  const own: Loaded[] = [];
  for (const r of k.resources ?? []) {
    const target = path.resolve(dir, r);
    if (!fs.existsSync(target)) throw new Error(`${where}: resource ${r} does not exist`);
    own.push(
      ...(fs.statSync(target).isDirectory() ? build(target, 'Kustomization', []) : readObjects(target)),
    );
  }
  objects.push(...own);
  for (const c of k.components ?? []) {
    const target = path.resolve(dir, c);
    if (!fs.existsSync(target) || !fs.statSync(target).isDirectory())
      throw new Error(`${where}: component ${c} is not a directory`);
    objects = build(target, 'Component', objects);
  }
  for (const [field, genKind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const g of k[field] ?? []) generate(objects, g, genKind, dir, `${where} ${field} ${g.name}`);
  }
  for (const [i, p] of (k.patches ?? []).entries()) applyPatch(objects, p, dir, `${where} patches[${i}]`);
  for (const l of k.labels ?? []) applyLabels(objects, l);
  if (k.namePrefix || k.nameSuffix) rename(objects, k.namePrefix ?? '', k.nameSuffix ?? '');
  if (k.namespace)
    for (const o of objects) if (o.doc.kind !== 'Namespace') o.doc.metadata.namespace = k.namespace;
  for (const image of k.images ?? [])
    if (!image.name || !(image.newName || image.newTag || image.digest))
      throw new Error(`${where}: images entry ${JSON.stringify(image)} changes nothing`);
  return objects;
}

function readObjects(file: string): Loaded[] {
  return readYamlDocs(file).map((doc, i) => {
    if (!isObject(doc) || !doc.apiVersion || !doc.kind || !doc.metadata?.name)
      throw new Error(
        `${rel(file)} document ${i + 1}: not a Kubernetes object (apiVersion, kind, metadata.name)`,
      );
    return { doc, source: `${rel(file)}#${i + 1}` };
  });
}

function generate(objects: Loaded[], g: Doc, kind: 'ConfigMap' | 'Secret', dir: string, where: string) {
  const data: Record<string, string> = {};
  for (const literal of g.literals ?? []) {
    const eq = String(literal).indexOf('=');
    if (eq < 1) throw new Error(`${where}: literal ${literal} is not KEY=value`);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  for (const f of [...(g.envs ?? []), ...(g.files ?? []).map((s: string) => s.split('=').pop())]) {
    if (!fs.existsSync(path.resolve(dir, f))) throw new Error(`${where}: file ${f} does not exist`);
  }
  const encoded = kind === 'Secret' ? base64Values(data) : data;
  const existing = objects.find((o) => o.doc.kind === kind && o.doc.metadata.name === g.name);
  if (g.behavior === 'merge' || g.behavior === 'replace') {
    if (!existing) throw new Error(`${where}: behavior ${g.behavior} but there is no ${kind} ${g.name}`);
    existing.doc.data = g.behavior === 'merge' ? { ...existing.doc.data, ...encoded } : encoded;
    return;
  }
  if (existing) throw new Error(`${where}: ${kind} ${g.name} already exists`);
  objects.push({
    doc: {
      apiVersion: 'v1',
      kind,
      metadata: { name: g.name },
      ...(kind === 'Secret' ? { type: 'Opaque' } : {}),
      data: encoded,
    },
    source: where,
  });
}

const base64Values = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));

function applyPatch(objects: Loaded[], p: Doc, dir: string, where: string) {
  if (!p || Boolean(p.path) === Boolean(p.patch))
    throw new Error(`${where}: needs exactly one of path and patch`);
  if (p.path && !fs.existsSync(path.resolve(dir, p.path)))
    throw new Error(`${where}: ${p.path} does not exist`);
  const text: string = p.path ? fs.readFileSync(path.resolve(dir, p.path), 'utf8') : p.patch;
  const parsed = YAML.parse(text);
  const ops = Array.isArray(parsed);
  if (ops && !p.target) throw new Error(`${where}: a JSON patch needs a target`);
  const target = p.target ?? { kind: parsed?.kind, name: parsed?.metadata?.name };
  const matches = objects.filter((o) => targets(o.doc, target, where));
  if (!matches.length)
    throw new Error(`${where}: targets ${JSON.stringify(target)}, which matches no object`);
  for (const m of matches) {
    m.doc = ops ? jsonPatch(m.doc, parsed, `${where} on ${id(m.doc)}`) : strategicMerge(m.doc, parsed, where);
  }
}

function targets(doc: Doc, target: Doc, where: string) {
  if (target.labelSelector || target.annotationSelector)
    throw new Error(`${where}: selector targets are not supported by this renderer`);
  const [group, version] = String(doc.apiVersion).includes('/')
    ? doc.apiVersion.split('/')
    : ['', doc.apiVersion];
  const anchored = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);
  return (
    (!target.kind || anchored(target.kind, doc.kind)) &&
    (!target.name || anchored(target.name, doc.metadata.name)) &&
    (target.group === undefined || target.group === group) &&
    (!target.version || target.version === version)
  );
}

/** RFC 6902 add / remove / replace / test; a path that does not resolve is an error, as in kustomize. */
export function jsonPatch(doc: Doc, ops: Doc[], where: string): Doc {
  const out = clone(doc);
  for (const op of ops) {
    const keys = String(op.path)
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    let parent: Doc = out;
    for (const k of keys) {
      parent = parent?.[Array.isArray(parent) ? Number(k) : k];
      if (parent === undefined) throw new Error(`${where}: ${op.op} ${op.path}: no such path`);
    }
    if (last === undefined || !(isObject(parent) || Array.isArray(parent)))
      throw new Error(`${where}: ${op.op} ${op.path}: no such path`);
    const index = Array.isArray(parent) ? (last === '-' ? parent.length : Number(last)) : -1;
    const present = Array.isArray(parent) ? index >= 0 && index < parent.length : last in parent;
    if (op.op !== 'add' && !present) throw new Error(`${where}: ${op.op} ${op.path}: no such path`);
    if (op.op === 'add') {
      if (Array.isArray(parent)) parent.splice(index, 0, clone(op.value));
      else parent[last] = clone(op.value);
    } else if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(index, 1);
      else delete parent[last];
    } else if (op.op === 'replace') {
      if (Array.isArray(parent)) parent[index] = clone(op.value);
      else parent[last] = clone(op.value);
    } else if (op.op === 'test') {
      const current = Array.isArray(parent) ? parent[index] : parent[last];
      if (JSON.stringify(current) !== JSON.stringify(op.value))
        throw new Error(`${where}: test ${op.path} failed`);
    } else {
      throw new Error(`${where}: unsupported op ${op.op}`);
    }
  }
  return out;
}

/** Strategic merge as kustomize does it for these lists: maps merge, lists of named items merge by name. */
function strategicMerge(target: Doc, patch: Doc, where: string): Doc {
  if (isObject(patch)) {
    if ('$patch' in patch) throw new Error(`${where}: $patch directives are not supported by this renderer`);
    const out = isObject(target) ? clone(target) : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = strategicMerge(out[k], v, where);
    }
    return out;
  }
  const named = (list: unknown) =>
    Array.isArray(list) && list.every((i) => isObject(i) && typeof i.name === 'string');
  if (named(patch) && named(target)) {
    const out = clone(target as Doc[]);
    for (const item of patch as Doc[]) {
      const i = out.findIndex((o) => o.name === item.name);
      if (i >= 0) out[i] = strategicMerge(out[i], item, where);
      else out.push(clone(item));
    }
    return out;
  }
  return clone(patch);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function applyLabels(objects: Loaded[], entry: Doc) {
  const pairs: Record<string, string> = entry.pairs ?? {};
  const add = (at: Doc, key: string) => (at[key] = { ...at[key], ...pairs });
  for (const { doc } of objects) {
    add(doc.metadata, 'labels');
    const template = doc.spec?.template;
    if (template && (entry.includeSelectors || entry.includeTemplates))
      add((template.metadata ??= {}), 'labels');
    if (!entry.includeSelectors) continue;
    if (doc.kind === 'Service' && doc.spec?.selector) add(doc.spec, 'selector');
    if ((WORKLOADS.has(doc.kind) || doc.kind === 'PodDisruptionBudget') && doc.spec?.selector)
      add(doc.spec.selector, 'matchLabels');
    for (const c of template?.spec?.topologySpreadConstraints ?? [])
      if (c.labelSelector) add(c.labelSelector, 'matchLabels');
  }
}

/** Renames the objects and every reference to them from within the same set, as kustomize does. */
function rename(objects: Loaded[], prefix: string, suffix: string) {
  const renamed = new Map<string, string>();
  for (const { doc } of objects) {
    if (doc.kind === 'Namespace') continue;
    const name = `${prefix}${doc.metadata.name}${suffix}`;
    renamed.set(`${doc.kind}/${doc.metadata.name}`, name);
    doc.metadata.name = name;
  }
  for (const { doc } of objects)
    for (const ref of references(doc)) {
      const name = renamed.get(`${ref.kind}/${ref.name}`);
      if (name) ref.set(name);
    }
}

export type Reference = { kind: string; name: string; optional: boolean; set: (name: string) => void };

/** The objects a manifest names: scale targets, Ingress backends, ConfigMaps, Secrets, claims, services. */
export function references(doc: Doc): Reference[] {
  const refs: Reference[] = [];
  const at = (holder: Doc, key: string, kind: string, optional = false) => {
    if (holder && typeof holder[key] === 'string')
      refs.push({ kind, name: holder[key], optional, set: (name) => (holder[key] = name) });
  };
  if (doc.kind === 'HorizontalPodAutoscaler')
    at(doc.spec?.scaleTargetRef, 'name', doc.spec?.scaleTargetRef?.kind);
  if (doc.kind === 'StatefulSet') at(doc.spec, 'serviceName', 'Service');
  if (doc.kind === 'Ingress') {
    at(doc.spec?.defaultBackend?.service, 'name', 'Service');
    for (const rule of doc.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) at(p.backend?.service, 'name', 'Service');
  }
  const pod = doc.spec?.template?.spec ?? doc.spec?.jobTemplate?.spec?.template?.spec;
  for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
    for (const e of c.envFrom ?? []) {
      at(e.configMapRef, 'name', 'ConfigMap', e.configMapRef?.optional);
      at(e.secretRef, 'name', 'Secret', e.secretRef?.optional);
    }
    for (const e of c.env ?? []) {
      at(e.valueFrom?.configMapKeyRef, 'name', 'ConfigMap', e.valueFrom?.configMapKeyRef?.optional);
      at(e.valueFrom?.secretKeyRef, 'name', 'Secret', e.valueFrom?.secretKeyRef?.optional);
    }
  }
  for (const v of pod?.volumes ?? []) {
    at(v.persistentVolumeClaim, 'claimName', 'PersistentVolumeClaim');
    at(v.configMap, 'name', 'ConfigMap', v.configMap?.optional);
    at(v.secret, 'secretName', 'Secret', v.secret?.optional);
  }
  return refs;
}

/** Whether kubectl (and with it the real kustomize) is installed. */
export function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize` when kubectl is installed: the real renderer, to compare with. */
export function kubectlKustomize(dir: string): Loaded[] | undefined {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`kubectl kustomize ${rel(dir)}: ${(err as { stderr?: string }).stderr ?? String(err)}`);
  }
  const docs: Doc[] = YAML.parseAllDocuments(out)
    .map((d) => d.toJS())
    .filter(Boolean);
  // kustomize wraps long base64 values over lines; the API server's decoder skips the newlines.
  for (const doc of docs)
    if (doc.kind === 'Secret')
      for (const [k, v] of Object.entries(doc.data ?? {})) doc.data[k] = String(v).replace(/\s/g, '');
  return docs.map((doc, i) => ({ doc, source: `kubectl kustomize ${rel(dir)}#${i + 1}` }));
}

// ---------------------------------------------------------------------------------------------
// Kubernetes schemas. kubernetes-models ships the JSON schemas of the Kubernetes OpenAPI document
// (types, required fields, enums, formats), compiled by ajv; its TypeScript interfaces, generated
// from the same document, also close every object, so the compiler reports unknown (misspelt)
// fields — the "strict" half of what kubeconform checks.

const modelModule = (doc: Doc) => {
  const [group, version] = String(doc.apiVersion).includes('/')
    ? doc.apiVersion.split('/')
    : ['', doc.apiVersion];
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`;
};

/** Schema errors of one object ([] when valid); an apiVersion/kind without a schema is an error. */
export async function schemaErrors(doc: Doc): Promise<string[]> {
  let Model: (new (data: Doc) => { validate: () => void }) | undefined;
  try {
    Model = (await import(modelModule(doc)))[doc.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`no Kubernetes schema for apiVersion ${doc.apiVersion}, kind ${doc.kind}`];
  try {
    new Model(doc).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    return errors?.length ? errors.map((e) => `${e.instancePath || '/'} ${e.message}`) : [String(err)];
  }
}

/** Fields the Kubernetes API does not define, one message per offending object. */
export function unknownFieldErrors(objects: Loaded[]): string[] {
  const file = path.join(REPO, 'apps/server/src/test/__manifests__.ts');
  // One typed constant per object; `owner` maps a diagnostic's line back to its object.
  let text = '';
  const owner: Array<{ line: number; source: string }> = [];
  objects.forEach(({ doc, source }, i) => {
    owner.push({ line: text.split('\n').length - 1, source: `${source} (${id(doc)})` });
    text += `export const m${i}: import('${modelModule(doc)}').I${doc.kind} = ${JSON.stringify(doc, null, 1)};\n`;
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, text, language)
      : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  const program = ts.createProgram([file], options, host);
  const messages = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file && d.start !== undefined)
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
      const from = [...owner].reverse().find((o) => o.line <= line);
      return `${from?.source}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`;
    });
  return [...new Set(messages)];
}

// ---------------------------------------------------------------------------------------------
// Cross-references in a rendered layout.

const matchLabels = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** Dangling references and selectors that select nothing (or more than their own workload). */
export function crossReferenceErrors(objects: Loaded[], external: Set<string> = new Set()): string[] {
  const errors: string[] = [];
  const docs = objects.map((o) => o.doc);
  const exists = (kind: string, name: string) =>
    docs.some((d) => d.kind === kind && d.metadata.name === name);
  const workloads = docs.filter((d) => WORKLOADS.has(d.kind));
  const selecting = (selector: Record<string, string> | undefined) =>
    workloads.filter((w) => matchLabels(selector, w.spec?.template?.metadata?.labels));
  for (const doc of docs) {
    for (const ref of references(doc)) {
      if (!ref.optional && !exists(ref.kind, ref.name) && !external.has(`${ref.kind}/${ref.name}`))
        errors.push(`${id(doc)} refers to ${ref.kind}/${ref.name}, which is not in the layout`);
    }
    if (
      WORKLOADS.has(doc.kind) &&
      !matchLabels(doc.spec?.selector?.matchLabels, doc.spec?.template?.metadata?.labels)
    )
      errors.push(`${id(doc)}: spec.selector does not match its pod template's labels`);
    if (doc.kind === 'Service' || doc.kind === 'PodDisruptionBudget') {
      const selector = doc.kind === 'Service' ? doc.spec?.selector : doc.spec?.selector?.matchLabels;
      const hits = selecting(selector);
      if (hits.length !== 1)
        errors.push(
          `${id(doc)} selects ${hits.length} workloads (${hits.map(id).join(', ') || 'none'}), expected 1`,
        );
    }
    if (doc.kind === 'Ingress') {
      for (const rule of doc.spec?.rules ?? [])
        for (const p of rule.http?.paths ?? []) {
          const backend = p.backend?.service;
          const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === backend?.name);
          const port = backend?.port?.name ?? backend?.port?.number;
          if (service && !service.spec.ports.some((sp: Doc) => sp.name === port || sp.port === port))
            errors.push(`${id(doc)} path ${p.path}: Service ${backend.name} has no port ${port}`);
        }
    }
  }
  return errors;
}

/** The pod spec of a workload or Job, if any. */
export const podSpec = (doc: Doc): Doc | undefined => doc.spec?.template?.spec;
