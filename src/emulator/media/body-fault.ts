import { InvalidInputError } from '../../errors.js';

/**
 * A misbehaviour of the server while it sends a body. Offsets count body bytes of this
 * response (for a 206, from the first byte of the range).
 */
export type BodyFault =
  /**
   * Send `atByte` bytes, then reset the connection (TCP RST; 20 ms after the bytes reached the
   * kernel, so a reading client gets them before ECONNRESET).
   */
  | { kind: 'reset'; atByte: number }
  /** Send `atByte` bytes of a body announced in full by Content-Length, then close (FIN). */
  | { kind: 'truncate'; atByte: number }
  /** Send `chunkBytes` every `intervalMs` (first chunk at once). */
  | { kind: 'drip'; chunkBytes: number; intervalMs: number }
  /** Send `atByte` bytes, go silent for `ms` with the connection open, then send the rest. */
  | { kind: 'stall'; atByte: number; ms: number };

function nonNegative(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`body fault ${what} must be a finite number >= 0, got ${String(value)}`);
  }
}

/** Throws `InvalidInputError` for a fault the pump cannot follow. */
export function validateFault(fault: BodyFault): void {
  switch (fault.kind) {
    case 'reset':
    case 'truncate':
      nonNegative(fault.atByte, 'atByte');
      return;
    case 'drip':
      nonNegative(fault.intervalMs, 'intervalMs');
      if (!Number.isInteger(fault.chunkBytes) || fault.chunkBytes < 1) {
        throw new InvalidInputError(`drip chunkBytes must be an integer >= 1, got ${String(fault.chunkBytes)}`);
      }
      return;
    case 'stall':
      nonNegative(fault.atByte, 'atByte');
      nonNegative(fault.ms, 'ms');
      return;
    default:
      throw new InvalidInputError(`unknown body fault: ${String((fault as { kind?: unknown }).kind)}`);
  }
}
