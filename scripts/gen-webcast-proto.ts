/**
 * Writes `proto/douyin_webcast.proto` from the field-by-field schema listing
 * (`../shared/docs/webcast-schema-listing.txt`, F2's descriptor) with the integer corrections of
 * `webcast-wirefix-changes.txt` applied. The listing is the source of truth; this script only
 * changes field types that the wirefix file names, and fails if a `!! WIRE` field stays unfixed
 * or a correction does not match the listing.
 *
 * It also writes `proto/douyin_webcast_methods.json` (Message.method -> type) from
 * `webcast-method-map.json`, plus the methods of `douyin_webcast_extra.proto`.
 *
 *   npx tsx scripts/gen-webcast-proto.ts [listing] [wirefix] [out]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const docs = join(root, '..', 'shared', 'docs');
const listingPath = process.argv[2] ?? join(docs, 'webcast-schema-listing.txt');
const wirefixPath = process.argv[3] ?? join(docs, 'webcast-wirefix-changes.txt');
const outPath = process.argv[4] ?? join(root, 'proto', 'douyin_webcast.proto');
/**
 * Same-wire corrections beyond the wirefix file: Douyin's own web bundle (Prince-cool/dy_protobuf
 * im.js) declares PushFrame.SeqID/LogID as uint64; F2 says int64. Identical bytes below 2^63, but
 * uint64 decodes larger values correctly and the ACK must echo logId as unsigned.
 */
const EXTRA_FIXES: Fix[] = [
  { type: 'PushFrame', id: 1, name: 'seqId', from: 'int64', to: 'uint64' },
  { type: 'PushFrame', id: 2, name: 'logId', from: 'int64', to: 'uint64' },
];
const methodMapPath = join(docs, 'webcast-method-map.json');
const methodsOutPath = join(dirname(outPath), 'douyin_webcast_methods.json');
/** Methods whose types are hand-written in douyin_webcast_extra.proto (not in F2's schema). */
const EXTRA_METHODS: Record<string, string> = { WebcastControlMessage: 'douyin.ControlMessage' };

interface Field {
  id: number;
  name: string;
  label: 'optional' | 'repeated' | 'map';
  type: string;
  wire?: string;
}
interface Msg {
  fullName: string;
  fields: Field[];
  children: Msg[];
}
interface Enum {
  name: string;
  values: [string, number][];
}

const SCALARS = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

function parseListing(text: string): { messages: Map<string, Msg>; topLevel: Msg[]; enums: Enum[] } {
  const lines = text.split('\n');
  const messages = new Map<string, Msg>();
  const topLevel: Msg[] = [];
  const enums: Enum[] = [];
  let section: 'head' | 'enums' | 'messages' = 'head';
  let current: Msg | undefined;
  let currentEnum: Enum | undefined;
  for (const line of lines) {
    if (/^ENUMS\s*$/.test(line)) { section = 'enums'; continue; }
    if (/^MESSAGES\b/.test(line)) { section = 'messages'; currentEnum = undefined; continue; }
    if (section === 'enums') {
      const e = /^enum (\w+)/.exec(line);
      if (e) { currentEnum = { name: e[1]!, values: [] }; enums.push(currentEnum); continue; }
      const v = /^\s+(-?\d+)\s+(\w+)\s*$/.exec(line);
      if (v && currentEnum) currentEnum.values.push([v[2]!, Number(v[1])]);
      continue;
    }
    if (section !== 'messages') continue;
    const m = /^(\s*)message ([\w.]+)/.exec(line);
    if (m) {
      const fullName = m[2]!;
      const msg: Msg = { fullName, fields: [], children: [] };
      if (messages.has(fullName)) throw new Error(`duplicate message ${fullName}`);
      messages.set(fullName, msg);
      const dot = fullName.lastIndexOf('.');
      if (dot < 0) topLevel.push(msg);
      else {
        const parent = messages.get(fullName.slice(0, dot));
        if (!parent) throw new Error(`parent of ${fullName} not listed before it`);
        parent.children.push(msg);
      }
      current = msg;
      continue;
    }
    const f = /^\s+(\d+)\s+(\w+)\s+(optional|repeated|map)\s+(map<[\w.]+,\s*[\w.]+>|[\w.]+)(?:\s+!! WIRE: real traffic = (.+?))?\s*$/.exec(line);
    if (f) {
      if (!current) throw new Error(`field outside a message: ${line}`);
      const field: Field = { id: Number(f[1]), name: f[2]!, label: f[3] as Field['label'], type: f[4]! };
      if (f[5]) field.wire = f[5];
      current.fields.push(field);
      continue;
    }
    if (/^\s+\d+\s/.test(line)) throw new Error(`unparsed field line: ${line}`);
  }
  return { messages, topLevel, enums };
}

interface Fix { type: string; id: number; name: string; from: string; to: string }

function parseWirefix(text: string): Fix[] {
  const fixes: Fix[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const m = /^([\w.]+)#(\d+) (\w+): (\S+) -> (repeated )?(\w+) \|/.exec(line);
    if (!m) throw new Error(`unparsed wirefix line: ${line}`);
    fixes.push({ type: m[1]!, id: Number(m[2]), name: m[3]!, from: m[4]!, to: m[6]! });
  }
  return fixes;
}

function applyFixes(messages: Map<string, Msg>, fixes: Fix[]): number {
  let applied = 0;
  for (const fix of fixes) {
    const msg = messages.get(fix.type);
    const field = msg?.fields.find((f) => f.id === fix.id);
    if (!msg || !field) throw new Error(`wirefix names a missing field ${fix.type}#${fix.id}`);
    const listed = field.label === 'repeated' ? `${field.type}[]` : field.type;
    if (field.name !== fix.name || listed !== fix.from) {
      throw new Error(`wirefix ${fix.type}#${fix.id} ${fix.name}: ${fix.from} does not match listing ${field.name}: ${listed}`);
    }
    field.type = fix.to;
    delete field.wire;
    applied++;
  }
  const left = [...messages.values()].flatMap((m) => m.fields.filter((f) => f.wire).map((f) => `${m.fullName}.${f.name}`));
  if (left.length) throw new Error(`!! WIRE fields without a correction: ${left.join(', ')}`);
  return applied;
}

function qualify(type: string, messages: Map<string, Msg>, enums: Enum[]): string {
  if (SCALARS.has(type)) return type;
  if (messages.has(type) || enums.some((e) => e.name === type)) return `.douyin.${type}`;
  throw new Error(`unknown type ${type}`);
}

function render(msg: Msg, messages: Map<string, Msg>, enums: Enum[], depth: number): string[] {
  const pad = '  '.repeat(depth);
  const shortName = msg.fullName.slice(msg.fullName.lastIndexOf('.') + 1);
  const out = [`${pad}message ${shortName} {`];
  for (const f of msg.fields) {
    let decl: string;
    if (f.label === 'map') {
      const mm = /^map<([\w.]+),\s*([\w.]+)>$/.exec(f.type);
      if (!mm) throw new Error(`bad map type ${f.type}`);
      decl = `map<${mm[1]}, ${qualify(mm[2]!, messages, enums)}>`;
    } else {
      decl = `${f.label === 'repeated' ? 'repeated ' : ''}${qualify(f.type, messages, enums)}`;
    }
    out.push(`${pad}  ${decl} ${f.name} = ${f.id};`);
  }
  for (const child of msg.children) out.push(...render(child, messages, enums, depth + 1));
  out.push(`${pad}}`);
  return out;
}

const listing = readFileSync(listingPath, 'utf8');
const { messages, topLevel, enums } = parseListing(listing);
const applied = applyFixes(messages, parseWirefix(readFileSync(wirefixPath, 'utf8')));
applyFixes(messages, EXTRA_FIXES);
const sha = /sha256 ([0-9a-f]{64})/.exec(listing)?.[1] ?? 'unknown';

const body: string[] = [
  '// GENERATED by scripts/gen-webcast-proto.ts - DO NOT EDIT.',
  `// Source: webcast-schema-listing.txt (F2 douyin_webcast descriptor, sha256 ${sha}),`,
  `// with ${applied} string->integer wire-type corrections from webcast-wirefix-changes.txt,`,
  '// and PushFrame.seqId/logId as uint64 (as in Douyin\'s web bundle; same wire bytes as int64).',
  '// Field names are the descriptor names (mixed snake_case / camelCase); load with keepCase.',
  '// Types not in F2\'s schema (ControlMessage) live in douyin_webcast_extra.proto.',
  '',
  'syntax = "proto3";',
  '',
  'package douyin;',
  '',
];
for (const e of enums) {
  body.push(`enum ${e.name} {`, ...e.values.map(([n, v]) => `  ${n} = ${v};`), '}', '');
}
for (const msg of topLevel) body.push(...render(msg, messages, enums, 0), '');

writeFileSync(outPath, body.join('\n'));

const methodMap = JSON.parse(readFileSync(methodMapPath, 'utf8')) as { methods: Record<string, { type: string }> };
const methods: Record<string, string> = {};
for (const [method, { type }] of Object.entries(methodMap.methods)) {
  if (!messages.has(type.replace(/^douyin\./, ''))) throw new Error(`${method}: type ${type} not in the listing`);
  methods[method] = type;
}
Object.assign(methods, EXTRA_METHODS);
writeFileSync(methodsOutPath, JSON.stringify(methods, null, 2) + '\n');
console.log(`wrote ${outPath}: ${messages.size} messages, ${enums.length} enum(s), ${applied} corrections`);
console.log(`wrote ${methodsOutPath}: ${Object.keys(methods).length} methods`);
