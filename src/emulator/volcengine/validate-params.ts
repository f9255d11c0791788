/**
 * Server-side parameter checks of the emulated endpoint (docs §2, §6). Written against raw input:
 * JSON bodies (types must match: a string where a number belongs is a BindError) or query strings
 * (every value a string; integers must parse). Returns the typed parameters.
 */
import { businessErrors } from './api-error.js';

export type Source = 'json' | 'query';
export type Raw = Record<string, unknown>;

export interface ParamRules {
  now: number;
  callbackUrlMaxLength: number;
}

const TITLE = /^[\p{Script=Han}A-Za-z0-9]{1,20}$/u;
const NAME = /^[A-Za-z0-9_.-]+$/;
const PICTURE = /^data:image\/(?:png|jpe?g);base64,([A-Za-z0-9+/]*={0,2})$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const bad = businessErrors.invalidParam;

export function rfc3339Ms(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return undefined;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

export class Params {
  constructor(
    readonly raw: Raw,
    readonly source: Source,
  ) {}

  present(field: string): boolean {
    return this.raw[field] !== undefined && this.raw[field] !== null;
  }

  str(field: string, opts: { required?: boolean; max?: number; empty?: boolean } = {}): string | undefined {
    if (!this.present(field)) {
      if (opts.required) throw bad(field, 'is required');
      return undefined;
    }
    const v = this.raw[field];
    if (typeof v !== 'string') throw businessErrors.bindError(field);
    if (v === '' && !opts.empty) throw bad(field, 'must not be empty');
    if (opts.max !== undefined && [...v].length > opts.max) throw bad(field, `is longer than ${opts.max} characters`);
    return v;
  }

  int(field: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (!this.present(field)) {
      if (opts.required) throw bad(field, 'is required');
      return undefined;
    }
    const v = this.raw[field];
    let n: number;
    if (this.source === 'query') {
      if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw businessErrors.bindError(field);
      n = Number(v);
    } else {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw businessErrors.bindError(field);
      n = v;
    }
    if (opts.min !== undefined && n < opts.min) throw bad(field, `must be >= ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw bad(field, `must be <= ${opts.max}`);
    return n;
  }

  enumOf(field: string, allowed: readonly (string | number)[]): void {
    if (!this.present(field)) return;
    const v = typeof allowed[0] === 'number' ? this.int(field) : this.str(field, { empty: true });
    if (!allowed.includes(v as string | number)) throw bad(field, `must be one of ${allowed.join(', ')}`);
  }

  seconds(field: string, v: unknown = this.raw[field]): void {
    if (v === undefined || v === null) return;
    if (typeof v !== 'number') throw businessErrors.bindError(field);
    if (!Number.isFinite(v) || v < 0) throw bad(field, 'must be >= 0');
  }

  name(field: 'App' | 'Stream', required: boolean): string | undefined {
    const max = field === 'App' ? 30 : 100;
    const v = this.str(field, { required, max });
    if (v !== undefined && !NAME.test(v)) throw bad(field, `must be 1-${max} characters of A-Za-z0-9_.-`);
    return v;
  }

  time(field: string, required: boolean): number | undefined {
    const v = this.str(field, { required });
    if (v === undefined) return undefined;
    const ms = rfc3339Ms(v);
    if (ms === undefined) throw bad(field, 'must be an RFC3339 time');
    return ms;
  }

  exactlyOne(a: string, b: string): void {
    this.str(a);
    this.str(b);
    if (this.present(a) === this.present(b)) throw bad(`${a}/${b}`, 'exactly one of them is required');
  }
}

function watermark(p: Params): void {
  if (!p.present('Watermark')) return;
  const wm = p.raw['Watermark'];
  if (typeof wm !== 'object' || wm === null || Array.isArray(wm)) throw businessErrors.bindError('Watermark');
  const w = new Params(wm as Raw, 'json');
  for (const f of ['Picture', 'RelativePosX', 'RelativePosY', 'Ratio']) if (!w.present(f)) throw bad(`Watermark.${f}`, 'is required');
  const picture = w.raw['Picture'];
  if (typeof picture !== 'string') throw businessErrors.bindError('Watermark.Picture');
  const m = PICTURE.exec(picture);
  if (!m || (m[1] ?? '').length % 4 !== 0) throw bad('Watermark.Picture', 'must be a base64 png/jpg/jpeg data URL');
  const size = Buffer.from(m[1] ?? '', 'base64').length;
  if (size < 100 || size > 2 * 1024 * 1024) throw bad('Watermark.Picture', 'must be 100 B to 2 MB');
  for (const f of ['RelativePosX', 'RelativePosY']) {
    const v = w.raw[f];
    if (typeof v !== 'number') throw businessErrors.bindError(`Watermark.${f}`);
    if (!(v >= 0 && v < 1)) throw bad(`Watermark.${f}`, 'must be in [0,1)');
  }
  const ratio = w.raw['Ratio'];
  if (typeof ratio !== 'number') throw businessErrors.bindError('Watermark.Ratio');
  if (!(ratio > 0 && ratio <= 1)) throw bad('Watermark.Ratio', 'must be in (0,1]');
}

function sources(p: Params, type: number): void {
  p.str('SrcAddr', { required: type === 0, max: 1000 });
  const list = p.raw['SrcAddrS'];
  if (p.present('SrcAddrS')) {
    if (!Array.isArray(list) || !list.every((a) => typeof a === 'string')) throw businessErrors.bindError('SrcAddrS');
    if (list.length < 1 || list.length > 30) throw bad('SrcAddrS', 'must hold 1-30 addresses');
    list.forEach((a: string, i) => {
      if (a === '' || a.length > 1000) throw bad(`SrcAddrS[${i}]`, 'must be 1-1000 characters');
    });
  }
  if (p.present('VodSrcAddrs')) {
    const vod = p.raw['VodSrcAddrs'];
    if (!Array.isArray(vod)) throw businessErrors.bindError('VodSrcAddrs');
    if (p.present('SrcAddrS') || p.present('OffsetS')) throw bad('VodSrcAddrs', 'cannot be used with SrcAddrS or OffsetS');
    if (vod.length < 1 || vod.length > 30) throw bad('VodSrcAddrs', 'must hold 1-30 entries');
    vod.forEach((e: unknown, i) => {
      if (typeof e !== 'object' || e === null) throw businessErrors.bindError(`VodSrcAddrs[${i}]`);
      const src = (e as Raw)['SrcAddr'];
      if (typeof src !== 'string' || src === '' || src.length > 1000) throw bad(`VodSrcAddrs[${i}].SrcAddr`, 'must be 1-1000 characters');
      p.seconds(`VodSrcAddrs[${i}].StartOffset`, (e as Raw)['StartOffset']);
      p.seconds(`VodSrcAddrs[${i}].EndOffset`, (e as Raw)['EndOffset']);
    });
  }
  if (type === 1 && !p.present('SrcAddrS') && !p.present('VodSrcAddrs')) throw bad('SrcAddrS', 'is required when Type is 1');
  if (p.present('OffsetS')) {
    const offsets = p.raw['OffsetS'];
    if (!Array.isArray(offsets) || !offsets.every((o) => typeof o === 'number')) throw businessErrors.bindError('OffsetS');
    offsets.forEach((o, i) => p.seconds(`OffsetS[${i}]`, o));
    if (!Array.isArray(list) || offsets.length !== list.length) throw bad('OffsetS', 'must have as many entries as SrcAddrS');
  }
  p.seconds('Offset');
}

function task(p: Params, rules: ParamRules, update: boolean): void {
  if (update) p.str('TaskId', { required: true });
  const start = p.int('StartTime', { required: true, min: 0 }) ?? 0;
  const end = p.int('EndTime', { required: true, min: 0 }) ?? 0;
  if (end <= start) throw bad('EndTime', 'must be later than StartTime');
  if (end - start > 7 * 86_400) throw bad('EndTime', 'the task may last at most 7 days');
  const type = p.int('Type', { required: true });
  p.enumOf('Type', [0, 1]);
  const title = p.str('Title', { empty: true });
  if (title && !TITLE.test(title)) throw bad('Title', 'must be 1-20 Chinese characters, letters or digits');
  p.str('CallbackURL', { max: rules.callbackUrlMaxLength });
  p.str('GroupName');
  sources(p, type ?? 0);
  const cycle = p.int('CycleMode', { required: type === 1, min: -1 });
  p.int('PlayTimes', { required: cycle === 0, min: 1 });
  const dst = p.str('DstAddr', { empty: true, max: 1000 });
  p.str('Domain', { required: !dst });
  p.name('App', !dst);
  p.name('Stream', !dst);
  watermark(p);
  p.enumOf('PreDownload', [0, 1]);
  p.enumOf('ContinueStrategy', [0, 1]);
}

function page(p: Params): void {
  p.int('PageNum', { required: true, min: 1 });
  p.int('PageSize', { required: true, min: 1, max: 1000 });
  p.str('Vhost', { empty: true });
  p.str('Domain', { empty: true });
  p.name('App', false);
  p.name('Stream', false);
  p.enumOf('QueryType', ['fuzzy', 'strict']);
}

function streamRef(p: Params): void {
  p.exactlyOne('Vhost', 'Domain');
  p.name('App', true);
  p.name('Stream', true);
}

function taskRef(p: Params): void {
  p.str('TaskId', { required: true });
  p.str('GroupName');
}

export const PARAM_RULES: Record<string, (p: Params, rules: ParamRules) => void> = {
  CreatePullToPushTask: (p, r) => task(p, r, false),
  UpdatePullToPushTask: (p, r) => task(p, r, true),
  DeletePullToPushTask: taskRef,
  RestartPullToPushTask: taskRef,
  ContinuePullToPushTask: taskRef,
  StopPullToPushTask: taskRef,
  ListPullToPushTask: (p) => {
    p.int('Page', { min: 1 });
    p.int('Size', { min: 1, max: 500 });
    p.str('Title', { empty: true });
    p.str('GroupName', { empty: true });
  },
  DescribeLiveStreamInfoByPage: (p) => {
    page(p);
    p.enumOf('StreamType', ['origin', 'trans']);
    p.enumOf('SourceType', ['push', 'relay']);
  },
  DescribeClosedStreamInfoByPage: (p) => {
    page(p);
    const from = p.time('EndTimeFrom', true) ?? 0;
    const to = p.time('EndTimeTo', true) ?? 0;
    if (to < from) throw bad('EndTimeTo', 'must not be before EndTimeFrom');
    p.enumOf('Sort', ['asc', 'desc']);
    p.enumOf('SourceType', ['push', 'relay']);
  },
  DescribeForbiddenStreamInfoByPage: (p) => {
    page(p);
    p.enumOf('Sort', ['asc', 'desc']);
    if (p.present('Stream') && !p.present('App')) throw bad('App', 'is required when Stream is given');
  },
  KillStream: (p) => {
    p.str('Vhost', { required: true });
    p.name('App', true);
    p.name('Stream', true);
  },
  ForbidStream: (p, r) => {
    streamRef(p);
    const end = p.time('EndTime', false);
    if (end !== undefined && (end <= r.now || end > r.now + 90 * 86_400_000)) {
      throw bad('EndTime', 'must be in the future and at most 90 days ahead');
    }
    p.int('Priority');
  },
  ResumeStream: (p) => {
    streamRef(p);
    p.int('Priority');
  },
  DescribeLiveStreamState: streamRef,
};
