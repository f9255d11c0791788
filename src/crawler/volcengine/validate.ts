/**
 * Checks parameters before anything is sent, per docs/volcengine-live-api.md §2 and §6, and
 * returns the object to send. Every failure is an `InvalidInputError` naming the field.
 */
import { InvalidInputError, redactSecrets } from '../../errors.js';
import type { VolcengineLiveAction } from './actions.js';
import { parseRfc3339 } from './rfc3339.js';

export interface ValidationContext {
  /** Epoch milliseconds (the client's clock). */
  now: number;
  /** 512 in the current docs and SDK, 2000 in the 2024-04 model. */
  callbackUrlMaxLength: number;
}

type Params = Record<string, unknown>;

export const MAX_TASK_SECONDS = 7 * 86_400;
export const MAX_FORBID_MS = 90 * 86_400_000;
export const MAX_SRC_ADDRS = 30;
export const MAX_ADDR_LENGTH = 1000;
export const WATERMARK_MIN_BYTES = 100;
export const WATERMARK_MAX_BYTES = 2 * 1024 * 1024;
const TITLE = /^[\p{Script=Han}A-Za-z0-9]{1,20}$/u;
const NAME_CHARS = /^[A-Za-z0-9_.-]+$/;
const DATA_URL = /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/]*={0,2})$/;
/** Fields whose values are URLs or blobs that may carry tokens: never echoed in a message. */
const SECRET_ISH = new Set(['SrcAddr', 'SrcAddrS', 'DstAddr', 'CallbackURL', 'Picture', 'VodSrcAddrs']);

const NO_VALUE = Symbol('no value');

class Checker {
  constructor(
    readonly action: VolcengineLiveAction,
    readonly params: Params,
  ) {}

  fail(field: string, expected: string, value: unknown = NO_VALUE): never {
    const got = value === NO_VALUE ? '' : `, got ${show(field, value)}`;
    throw new InvalidInputError(`Expected \`${field}\` ${expected}${got}`, {
      endpoint: this.action,
      hint: `Fix \`${field}\` in the ${this.action} request.`,
    });
  }

  has(field: string): boolean {
    return this.params[field] !== undefined && this.params[field] !== null;
  }

  string(field: string, opts: { required?: boolean; max?: number; allowEmpty?: boolean } = {}): string | undefined {
    const value = this.params[field];
    if (value === undefined || value === null) {
      if (opts.required) this.fail(field, 'to be given');
      return undefined;
    }
    if (typeof value !== 'string') this.fail(field, 'to be a string', value);
    if (value === '' && !opts.allowEmpty) this.fail(field, 'to be a non-empty string', value);
    if (opts.max !== undefined && [...value].length > opts.max) {
      this.fail(field, `to be at most ${opts.max} characters`, value);
    }
    return value;
  }

  integer(field: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const value = this.params[field];
    if (value === undefined || value === null) {
      if (opts.required) this.fail(field, 'to be given');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) this.fail(field, 'to be an integer', value);
    if (opts.min !== undefined && value < opts.min) this.fail(field, `to be an integer >= ${opts.min}`, value);
    if (opts.max !== undefined && value > opts.max) this.fail(field, `to be an integer <= ${opts.max}`, value);
    return value;
  }

  oneOf<T>(field: string, allowed: readonly T[], value: unknown = this.params[field]): void {
    if (value === undefined || value === null) return;
    if (!allowed.includes(value as T)) this.fail(field, `to be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  }

  offset(field: string, value: unknown = this.params[field]): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(field, 'to be a number of seconds >= 0', value);
  }

  name(field: 'App' | 'Stream', required: boolean): void {
    const max = field === 'App' ? 30 : 100;
    const value = this.string(field, { required, max });
    if (value !== undefined && !NAME_CHARS.test(value)) {
      this.fail(field, `to be 1–${max} characters of A-Z a-z 0-9 _ . -`, value);
    }
  }

  time(field: string, required: boolean): number | undefined {
    const value = this.string(field, { required });
    if (value === undefined) return undefined;
    const ms = parseRfc3339(value);
    if (ms === undefined) this.fail(field, 'to be an RFC 3339 date-time such as 2021-10-02T19:39:26+08:00', value);
    return ms;
  }

  exactlyOneOf(a: string, b: string): void {
    this.string(a);
    this.string(b);
    const count = Number(this.has(a)) + Number(this.has(b));
    if (count !== 1) this.fail(`${a}\` or \`${b}`, `to be given, exactly one of them (${count} given)`);
  }
}

function show(field: string, value: unknown): string {
  if (typeof value === 'string') {
    const base = field.replace(/\[\d+\]/g, '').split('.').pop() ?? field;
    if (SECRET_ISH.has(base)) return `a string of ${value.length} characters`;
    const cut = [...value].slice(0, 40).join('');
    return `\`${redactSecrets(cut)}${cut.length < value.length ? '…' : ''}\` (string)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `\`${String(value)}\` (${typeof value})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === null ? '`null`' : typeof value;
}

function checkWatermark(c: Checker): void {
  const wm = c.params['Watermark'];
  if (wm === undefined || wm === null) return;
  if (typeof wm !== 'object' || Array.isArray(wm)) c.fail('Watermark', 'to be an object', wm);
  const w = wm as Params;
  const picture = w['Picture'];
  if (picture === undefined || picture === null) c.fail('Watermark.Picture', 'to be given');
  const match = typeof picture === 'string' ? DATA_URL.exec(picture) : null;
  if (!match) c.fail('Watermark.Picture', 'to be a data URL data:image/png|jpg|jpeg;base64,<data>', picture);
  const data = match[2] ?? '';
  if (data.length % 4 !== 0) c.fail('Watermark.Picture', 'to hold valid base64');
  const bytes = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (bytes < WATERMARK_MIN_BYTES || bytes > WATERMARK_MAX_BYTES) {
    c.fail('Watermark.Picture', `to decode to 100 B – 2 MB, got ${bytes} bytes`);
  }
  for (const field of ['RelativePosX', 'RelativePosY'] as const) {
    const v = w[field];
    if (v === undefined || v === null) c.fail(`Watermark.${field}`, 'to be given');
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) c.fail(`Watermark.${field}`, 'to be a number in [0, 1)', v);
  }
  const ratio = w['Ratio'];
  if (ratio === undefined || ratio === null) c.fail('Watermark.Ratio', 'to be given');
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio <= 1)) c.fail('Watermark.Ratio', 'to be a number in (0, 1]', ratio);
}

function checkSources(c: Checker, type: number): void {
  c.string('SrcAddr', { required: type === 0, max: MAX_ADDR_LENGTH });
  const list = c.params['SrcAddrS'];
  const vod = c.params['VodSrcAddrs'];
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) c.fail('SrcAddrS', 'to be an array of URL strings (flat, not nested)', list);
    if (list.length < 1 || list.length > MAX_SRC_ADDRS) c.fail('SrcAddrS', `to hold 1–${MAX_SRC_ADDRS} addresses`, list);
    list.forEach((addr: unknown, i) => {
      if (typeof addr !== 'string' || addr === '') c.fail(`SrcAddrS[${i}]`, 'to be a non-empty string', addr);
      if (addr.length > MAX_ADDR_LENGTH) c.fail(`SrcAddrS[${i}]`, `to be at most ${MAX_ADDR_LENGTH} characters`, addr);
    });
  }
  if (vod !== undefined && vod !== null) {
    if (c.has('SrcAddrS') || c.has('OffsetS')) c.fail('VodSrcAddrs', 'not to be combined with SrcAddrS or OffsetS');
    if (!Array.isArray(vod) || vod.length < 1 || vod.length > MAX_SRC_ADDRS) {
      c.fail('VodSrcAddrs', `to be an array of 1–${MAX_SRC_ADDRS} { SrcAddr, StartOffset?, EndOffset? }`, vod);
    }
    vod.forEach((entry: unknown, i) => {
      if (typeof entry !== 'object' || entry === null) c.fail(`VodSrcAddrs[${i}]`, 'to be an object', entry);
      const addr = (entry as Params)['SrcAddr'];
      if (typeof addr !== 'string' || addr === '' || addr.length > MAX_ADDR_LENGTH) {
        c.fail(`VodSrcAddrs[${i}].SrcAddr`, `to be a string of 1–${MAX_ADDR_LENGTH} characters`);
      }
      c.offset(`VodSrcAddrs[${i}].StartOffset`, (entry as Params)['StartOffset']);
      c.offset(`VodSrcAddrs[${i}].EndOffset`, (entry as Params)['EndOffset']);
    });
  }
  if (type === 1 && !c.has('SrcAddrS') && !c.has('VodSrcAddrs')) c.fail('SrcAddrS', 'to be given when Type is 1');
  const offsets = c.params['OffsetS'];
  if (offsets !== undefined && offsets !== null) {
    if (!Array.isArray(offsets)) c.fail('OffsetS', 'to be an array of numbers (flat, not nested)', offsets);
    offsets.forEach((o: unknown, i) => c.offset(`OffsetS[${i}]`, o));
    if (!Array.isArray(list) || offsets.length !== list.length) c.fail('OffsetS', 'to have one entry per SrcAddrS entry', offsets);
  }
  c.offset('Offset');
}

function checkTask(c: Checker, ctx: ValidationContext, update: boolean): void {
  if (update) c.string('TaskId', { required: true });
  const start = c.integer('StartTime', { required: true, min: 0 }) ?? 0;
  const end = c.integer('EndTime', { required: true, min: 0 }) ?? 0;
  if (end <= start) c.fail('EndTime', `to be after StartTime (${start})`, end);
  if (end - start > MAX_TASK_SECONDS) c.fail('EndTime', `to be at most 7 days (${MAX_TASK_SECONDS} s) after StartTime`, end);
  const type = c.params['Type'];
  if (type === undefined || type === null) c.fail('Type', 'to be given');
  c.oneOf('Type', [0, 1]);
  const title = c.string('Title', { allowEmpty: true });
  if (title && !TITLE.test(title)) c.fail('Title', 'to be 1–20 Han characters, letters or digits', title);
  c.string('CallbackURL', { max: ctx.callbackUrlMaxLength });
  c.string('GroupName');
  checkSources(c, type as number);
  const cycle = c.integer('CycleMode', { required: type === 1, min: -1 });
  c.integer('PlayTimes', { required: cycle === 0, min: 1 });
  const dst = c.string('DstAddr', { allowEmpty: true, max: MAX_ADDR_LENGTH });
  c.string('Domain', { required: !dst });
  c.name('App', !dst);
  c.name('Stream', !dst);
  checkWatermark(c);
  c.oneOf('PreDownload', [0, 1]);
  c.oneOf('ContinueStrategy', [0, 1]);
}

function checkStreamPage(c: Checker): void {
  c.integer('PageNum', { required: true, min: 1 });
  c.integer('PageSize', { required: true, min: 1, max: 1000 });
  c.string('Vhost', { allowEmpty: true });
  c.string('Domain', { allowEmpty: true });
  c.name('App', false);
  c.name('Stream', false);
  c.oneOf('QueryType', ['fuzzy', 'strict']);
}

function checkStreamRef(c: Checker): void {
  c.exactlyOneOf('Vhost', 'Domain');
  c.name('App', true);
  c.name('Stream', true);
}

const RULES: Record<VolcengineLiveAction, (c: Checker, ctx: ValidationContext) => void> = {
  CreatePullToPushTask: (c, ctx) => checkTask(c, ctx, false),
  UpdatePullToPushTask: (c, ctx) => checkTask(c, ctx, true),
  DeletePullToPushTask: checkTaskRef,
  RestartPullToPushTask: checkTaskRef,
  ContinuePullToPushTask: checkTaskRef,
  StopPullToPushTask: checkTaskRef,
  ListPullToPushTask: (c) => {
    c.integer('Page', { min: 1 });
    c.integer('Size', { min: 1, max: 500 });
    c.string('Title', { allowEmpty: true });
    c.string('GroupName', { allowEmpty: true });
  },
  DescribeLiveStreamInfoByPage: (c) => {
    checkStreamPage(c);
    c.oneOf('StreamType', ['origin', 'trans']);
    c.oneOf('SourceType', ['push', 'relay']);
  },
  DescribeClosedStreamInfoByPage: (c) => {
    checkStreamPage(c);
    const from = c.time('EndTimeFrom', true) ?? 0;
    const to = c.time('EndTimeTo', true) ?? 0;
    if (to < from) c.fail('EndTimeTo', 'not to be before EndTimeFrom', c.params['EndTimeTo']);
    c.oneOf('Sort', ['asc', 'desc']);
    c.oneOf('SourceType', ['push', 'relay']);
  },
  DescribeForbiddenStreamInfoByPage: (c) => {
    checkStreamPage(c);
    c.oneOf('Sort', ['asc', 'desc']);
    if (c.has('Stream') && !c.has('App')) c.fail('App', 'to be given when Stream is given');
  },
  KillStream: (c) => {
    c.string('Vhost', { required: true });
    c.name('App', true);
    c.name('Stream', true);
  },
  ForbidStream: (c, ctx) => {
    checkStreamRef(c);
    const end = c.time('EndTime', false);
    if (end !== undefined && (end <= ctx.now || end > ctx.now + MAX_FORBID_MS)) {
      c.fail('EndTime', 'to be in the future and at most 90 days from now', c.params['EndTime']);
    }
    c.integer('Priority');
  },
  ResumeStream: (c) => {
    checkStreamRef(c);
    c.integer('Priority');
  },
  DescribeLiveStreamState: checkStreamRef,
};

function checkTaskRef(c: Checker): void {
  c.string('TaskId', { required: true });
  c.string('GroupName');
}

/**
 * Validates `params` for `action` and returns a copy ready to send (ForbidStream's EndTime is
 * rewritten as UTC with milliseconds, the documented form).
 */
export function prepareParams(action: VolcengineLiveAction, params: unknown, ctx: ValidationContext): Params {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InvalidInputError(`Expected the ${action} parameters to be an object`, { endpoint: action });
  }
  const copy: Params = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) copy[key] = value;
  RULES[action](new Checker(action, copy), ctx);
  if (action === 'ForbidStream' && typeof copy['EndTime'] === 'string') {
    copy['EndTime'] = new Date(parseRfc3339(copy['EndTime']) ?? 0).toISOString();
  }
  return copy;
}
