/**
 * The encoding side of the wire primitives: protobufjs' `Writer`, and the checks that turn a
 * wrong input value into a `WireError` naming its field. @internal
 */
import protobuf from 'protobufjs/minimal.js';
import { I64_MAX, I64_MIN, parseDecimal64, U64_MAX } from './int64-text.js';
import { WireError } from './wire-error.js';

export type Writer = protobuf.Writer;
export const createWriter = (): Writer => protobuf.Writer.create();

/** A 64-bit input (decimal string, bigint or safe integer) as the `Long`-shaped bits `Writer` takes. */
export function longBits(value: unknown, unsigned: boolean, field: string): protobuf.Long {
  let v: bigint | undefined;
  if (typeof value === 'string') v = parseDecimal64(value, unsigned);
  else if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  if (v === undefined || (unsigned ? v < 0n || v > U64_MAX : v < I64_MIN || v > I64_MAX)) {
    throw new WireError(`${field}: expected a ${unsigned ? 'u' : ''}int64 as a decimal string or bigint, got ${describe(value)}`);
  }
  const bits = BigInt.asUintN(64, v);
  return {
    low: Number(bits & 0xffffffffn) | 0,
    high: Number(bits >> 32n) | 0,
    unsigned,
  } as protobuf.Long;
}

/** True for a 64-bit input equal to zero (proto3 leaves it off the wire). */
export function isZero64(value: unknown): boolean {
  return value === '0' || value === 0 || value === 0n;
}

export function checkInt32(value: unknown, unsigned: boolean, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && (unsigned ? value >= 0 && value <= 0xffffffff : value >= -0x80000000 && value <= 0x7fffffff)) {
    return value;
  }
  throw new WireError(`${field}: expected a ${unsigned ? 'u' : ''}int32 number, got ${describe(value)}`);
}

export function checkType(value: unknown, type: 'string' | 'boolean' | 'number' | 'object', field: string): void {
  if (typeof value !== type || value === null) throw new WireError(`${field}: expected ${type}, got ${describe(value)}`);
}

export function checkBytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new WireError(`${field}: expected Uint8Array, got ${describe(value)}`);
}

export function checkArray(value: unknown, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new WireError(`${field}: expected an array, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object') return Array.isArray(value) ? 'array' : 'object';
  return `${typeof value} ${String(value)}`;
}
