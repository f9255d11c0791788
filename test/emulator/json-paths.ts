import { readFileSync } from 'node:fs';

/** The JSON type of a value, as a JSON document would name it (bigints are numbers). */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'bigint') return 'number';
  return typeof v;
}

type Step = { key: string } | { index: number } | { all: true };

/** Parses the JSONPath subset F2's filters use: `$.a.b[0].c`, `[*]`, and jsonpath-ng's `.[*]`. */
export function parsePath(path: string): Step[] {
  if (!path.startsWith('$')) throw new Error(`not a JSONPath: ${path}`);
  const steps: Step[] = [];
  const re = /\.?\[(\*|\d+)\]|\.([A-Za-z_$][\w$]*)/g;
  let m: RegExpExecArray | null;
  let at = 1;
  while ((m = re.exec(path)) !== null) {
    if (m.index !== at) throw new Error(`cannot parse ${path} at ${at}`);
    at = re.lastIndex;
    if (m[1] === '*') steps.push({ all: true });
    else if (m[1] !== undefined) steps.push({ index: Number(m[1]) });
    else steps.push({ key: m[2] as string });
  }
  if (at !== path.length) throw new Error(`cannot parse ${path} at ${at}`);
  return steps;
}

/** Every value the path reaches (an empty list when it resolves to nothing). */
export function evaluate(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const step of parsePath(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if ('key' in step) {
        if (v && typeof v === 'object' && !Array.isArray(v) && step.key in v) next.push((v as Record<string, unknown>)[step.key]);
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (Array.isArray(v)) {
        next.push(...v);
      }
    }
    current = next;
  }
  return current;
}

export function typesAt(doc: unknown, path: string): Set<string> {
  return new Set(evaluate(doc, path).map(jsonType));
}

/** Every leaf path of a document, arrays written `[*]` (for fixtures with no F2 filter). */
export function leafPaths(doc: unknown, prefix = '$', out = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) {
    if (doc.length === 0) out.add(prefix);
    for (const item of doc) leafPaths(item, `${prefix}[*]`, out);
  } else if (doc && typeof doc === 'object') {
    const keys = Object.keys(doc);
    if (keys.length === 0) out.add(prefix);
    for (const k of keys) leafPaths((doc as Record<string, unknown>)[k], /^[A-Za-z_$][\w$]*$/.test(k) ? `${prefix}.${k}` : prefix, out);
  } else {
    out.add(prefix);
  }
  return out;
}

/**
 * The "JSONPaths read per filter" tables of douyin-endpoints.md: endpoint name → paths. A
 * section saying "same paths as listed above" gets the paths of the filter it names.
 */
export function filterPathsByEndpoint(markdownFile: string): Map<string, string[]> {
  const text = readFileSync(markdownFile, 'utf8');
  const part = text.slice(text.indexOf('## JSONPaths read per filter'));
  const byEndpoint = new Map<string, string[]>();
  const byFilter = new Map<string, string[]>();
  for (const section of part.split(/^### /m).slice(1)) {
    const name = (section.split(/\s/)[0] ?? '').trim();
    const filter = /Filter `(\w+)`/.exec(section)?.[1];
    const paths: string[] = [];
    for (const line of section.split('\n')) {
      const m = /^\|[^|]+\|(.+)\|\s*$/.exec(line);
      if (!m) continue;
      for (const p of (m[1] as string).matchAll(/`(\$[^`]*)`/g)) paths.push(p[1] as string);
    }
    if (paths.length === 0 && filter && /same paths as listed above/.test(section)) paths.push(...(byFilter.get(filter) ?? []));
    if (filter && paths.length > 0 && !byFilter.has(filter)) byFilter.set(filter, paths);
    byEndpoint.set(name, paths);
  }
  return byEndpoint;
}
