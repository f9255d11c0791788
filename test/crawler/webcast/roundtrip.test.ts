/**
 * Round trips for every known method with a fully populated sample built from the .proto files,
 * cross-checked byte for byte against protobufjs (an independent encoder of the same schema).
 */
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, WEBCAST_METHOD_TYPES, type KnownWebcastMethod } from '../../../src/crawler/webcast/index.js';
import { projectRoot } from '../../helpers/shared.js';

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => join(projectRoot, 'proto', target.replace(/^.*[\\/]/, ''));
root.loadSync(['douyin_webcast.proto', 'douyin_webcast_extra.proto'], { keepCase: true });
root.resolveAll();

// Values chosen to hit the edges: beyond 2^53, beyond 2^63 (unsigned), negatives, non-ASCII text.
const VALUES: Record<string, unknown[]> = {
  int64: ['-9223372036854775808', '9007199254740993', '-5', '1234567890123456789', '9223372036854775807'],
  uint64: ['18446744073709551615', '9223372036854775808', '7394381280667779385', '1', '4294967296'],
  int32: [-7, 2147483647, -2147483648, 300],
  uint32: [4294967295, 1, 65536],
  bool: [true],
  double: [1.25, -3.5e100],
  float: [0.5, -1024.25],
  string: ['x', '心静致远', 'https://p3.douyinpic.com/a.png?from=1', 'a'.repeat(200)],
  bytes: [new Uint8Array([1, 2, 3]), new Uint8Array([0xff])],
};
// 64-bit map keys avoid 8-character decimals, which protobufjs would take for its "long hash" keys.
const KEYS: Record<string, string[]> = {
  string: ['k', '键'],
  int64: ['-3', '7394381280667779385'],
  uint64: ['18446744073709551615', '5'],
  int32: ['-1', '42'],
  uint32: ['7', '4294967295'],
  bool: ['true', 'false'],
};

let counter = 0;
function scalar(type: string): unknown {
  const list = VALUES[type];
  if (!list) throw new Error(`no sample values for ${type}`);
  return list[counter++ % list.length];
}

/** Every field set (non-default), nested messages down to `depth` levels. */
function sample(type: protobuf.Type, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of type.fieldsArray) {
    const isMessage = f.resolvedType instanceof protobuf.Type;
    if (isMessage && depth <= 0) continue;
    const value = () => (isMessage ? sample(f.resolvedType as protobuf.Type, depth - 1) : f.resolvedType instanceof protobuf.Enum ? 1 : scalar(f.type));
    if (f instanceof protobuf.MapField) {
      const keys = KEYS[f.keyType];
      if (!keys) throw new Error(`no sample keys for ${f.keyType}`);
      out[f.name] = Object.fromEntries(keys.map((k) => [k, value()]));
    } else if (f.repeated) out[f.name] = [value(), value()];
    else out[f.name] = value();
  }
  return out;
}

const methods = Object.entries(WEBCAST_METHOD_TYPES) as [KnownWebcastMethod, string][];

describe('encode → decode round trip of every known method (33 types, all fields set)', () => {
  it('covers the 32 F2 methods and WebcastControlMessage', () => {
    expect(methods).toHaveLength(33);
    expect(methods.map(([m]) => m)).toContain('WebcastControlMessage');
  });

  it.each(methods)('%s (%s)', (method, typeName) => {
    const type = root.lookupType(typeName);
    const data = sample(type, 3);
    const bytes = encodeMessage(method, data as never);
    const decoded = decodeMessage(method, bytes);
    expect(decoded.kind).toBe('decoded');
    expect(decoded.data).toEqual(data);

    // protobufjs, fed the same object, writes the same bytes.
    const reference = type.encode(type.fromObject(data)).finish();
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(reference).toString('hex'));
  });
});

describe('representation details', () => {
  it('a string map key "__proto__" stays an own property', () => {
    const data = { common: { method: 'WebcastGiftMessage' }, gift: { specialEffects: { __proto__: '5', plain: '6' } } };
    // Object literal `__proto__:` sets the prototype; build the map explicitly.
    const map: Record<string, string> = {};
    Object.defineProperty(map, '__proto__', { value: '5', enumerable: true, writable: true, configurable: true });
    map.plain = '6';
    data.gift.specialEffects = map as never;
    const decoded = decodeMessage('WebcastGiftMessage', encodeMessage('WebcastGiftMessage', data as never));
    const effects = decoded.data.gift?.specialEffects ?? {};
    expect(Object.getPrototypeOf(effects)).toBe(Object.prototype);
    expect(Object.keys(effects)).toEqual(['__proto__', 'plain']);
    expect(Object.getOwnPropertyDescriptor(effects, '__proto__')?.value).toBe('5');
  });

  it('decodes packed and unpacked repeated integers alike', () => {
    // User.commerce_webcast_config_ids (repeated uint64, #60, a wirefix field) inside ChatMessage.user.
    const packed = encodeMessage('WebcastChatMessage', { user: { commerce_webcast_config_ids: ['1', '18446744073709551615'] } });
    const unpacked = Buffer.concat([
      Buffer.from([0x12, 0x0f]), // ChatMessage.user, length 15
      Buffer.from([0xe0, 0x03, 0x01]), // #60 varint 1
      Buffer.from([0xe0, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // #60 varint 2^64-1
    ]);
    const expected = { user: { commerce_webcast_config_ids: ['1', '18446744073709551615'] } };
    expect(decodeMessage('WebcastChatMessage', packed).data).toEqual(expected);
    expect(decodeMessage('WebcastChatMessage', unpacked).data).toEqual(expected);
  });

  it('reads F2-schema decimal text in a corrected integer field, and skips non-numeric text', () => {
    // User.id (#1) sent as a string field the way F2's schema encodes it.
    const asText = Buffer.concat([Buffer.from([0x12, 0x15, 0x0a, 0x13]), Buffer.from('7394381280667779385')]);
    expect(decodeMessage('WebcastChatMessage', asText).data).toEqual({ user: { id: '7394381280667779385' } });
    const garbage = Buffer.concat([Buffer.from([0x12, 0x05, 0x0a, 0x03]), Buffer.from('abc')]);
    expect(decodeMessage('WebcastChatMessage', garbage).data).toEqual({ user: {} });
  });
});
