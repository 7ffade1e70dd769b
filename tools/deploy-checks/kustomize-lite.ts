import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

// Enough of `kustomize build` to check Herald's own overlays without a cluster or the binary:
// resources (files and directories), namespace, images, patches with a path (strategic merge for
// ConfigMap/Secret data, JSON6902 add/replace for targets by group/kind/labelSelector).

export type Manifest = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

interface Kustomization {
  namespace?: string;
  resources?: string[];
  patches?: Array<{ path: string; target?: { group?: string; kind?: string; labelSelector?: string } }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  labels?: Array<{ pairs: Record<string, string>; includeSelectors?: boolean }>;
}

type JsonPatchOp = { op: 'add' | 'replace'; path: string; value: unknown };

export function readYamlDocs(file: string): unknown[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJSON();
    })
    .filter((d) => d !== null);
}

export function readKustomization(dir: string): Kustomization {
  return YAML.parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
}

/** Files a kustomization names directly (resources that are files, and patch files). */
export function referencedFiles(dir: string): string[] {
  const k = readKustomization(dir);
  return [...(k.resources ?? []), ...(k.patches ?? []).map((p) => p.path)].filter(
    (r) => !fs.existsSync(path.join(dir, r)) || fs.statSync(path.join(dir, r)).isFile(),
  );
}

export function build(dir: string): Manifest[] {
  const k = readKustomization(dir);
  let out: Manifest[] = [];
  for (const r of k.resources ?? []) {
    const full = path.join(dir, r);
    if (!fs.existsSync(full)) throw new Error(`${dir}/kustomization.yaml: resource ${r} does not exist`);
    out.push(...(fs.statSync(full).isDirectory() ? build(full) : (readYamlDocs(full) as Manifest[])));
  }
  // A strategic-merge patch file may hold several documents (one per Secret), as kustomize allows.
  for (const p of k.patches ?? [])
    for (const doc of readYamlDocs(path.join(dir, p.path))) out = applyPatch(out, doc, p.target, `${dir}/${p.path}`);
  for (const l of k.labels ?? []) for (const m of out) m.metadata.labels = { ...m.metadata.labels, ...l.pairs };
  if (k.namespace) for (const m of out) if (m.kind !== 'Namespace') m.metadata.namespace = k.namespace;
  for (const image of k.images ?? [])
    for (const c of containersOf(out))
      if (c.image === image.name || String(c.image).startsWith(`${image.name}:`)) {
        c.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
      }
  return out;
}

function containersOf(ms: Manifest[]): Array<Record<string, unknown>> {
  return ms.flatMap(
    (m) => (get(m, '/spec/template/spec/containers') as Array<Record<string, unknown>> | undefined) ?? [],
  );
}

function matches(m: Manifest, target: NonNullable<Kustomization['patches']>[number]['target']): boolean {
  if (!target) return false;
  if (target.kind && m.kind !== target.kind) return false;
  if (target.group && m.apiVersion.split('/')[0] !== target.group) return false;
  if (target.labelSelector) {
    const [key, value] = target.labelSelector.split('=');
    if (m.metadata.labels?.[key] !== value) return false;
  }
  return true;
}

function applyPatch(
  ms: Manifest[],
  patch: unknown,
  target: NonNullable<Kustomization['patches']>[number]['target'],
  where: string,
): Manifest[] {
  if (Array.isArray(patch)) {
    const hits = ms.filter((m) => matches(m, target));
    if (hits.length === 0) throw new Error(`${where}: the patch target matches no resource`);
    for (const m of hits) for (const op of patch as JsonPatchOp[]) applyOp(m, op, where);
    return ms;
  }
  const p = patch as Manifest;
  const hit = ms.find((m) => m.kind === p.kind && m.metadata.name === p.metadata.name);
  if (!hit) throw new Error(`${where}: no ${p.kind} named ${p.metadata.name} to patch`);
  for (const field of ['data', 'stringData'] as const)
    if (p[field]) hit[field] = { ...(hit[field] as object), ...(p[field] as object) };
  return ms;
}

const segments = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

function get(obj: unknown, pointer: string): unknown {
  return segments(pointer).reduce<unknown>(
    (o, s) => (o === undefined || o === null ? undefined : (o as Record<string, unknown>)[s]),
    obj,
  );
}

function applyOp(m: Manifest, op: JsonPatchOp, where: string): void {
  const parts = segments(op.path);
  const last = parts.pop() as string;
  const parent = get(m, parts.length ? `/${parts.join('/')}` : '') ?? (parts.length ? undefined : m);
  if (parent === undefined || parent === null)
    throw new Error(`${where}: ${op.path} has no parent in ${m.kind}/${m.metadata.name}`);
  const value = structuredClone(op.value);
  if (Array.isArray(parent)) {
    if (op.op === 'add' && last === '-') parent.push(value);
    else if (op.op === 'replace' && Number(last) < parent.length) parent[Number(last)] = value;
    else throw new Error(`${where}: cannot ${op.op} ${op.path} in ${m.kind}/${m.metadata.name}`);
    return;
  }
  const record = parent as Record<string, unknown>;
  if (op.op === 'replace' && !(last in record))
    throw new Error(`${where}: replace of missing ${op.path} in ${m.kind}/${m.metadata.name}`);
  record[last] = value;
}
