/**
 * Reusable 1 MiB buffers for body bytes on their way to the file and the hash. They live in shared,
 * page-aligned memory, for two reasons: direct I/O (`O_DIRECT`) needs memory aligned to the disk's
 * block, and the hashing thread reads a slot where it is, with no copy and no transfer.
 */

/** Bytes in one slot: one write to the file, one step of the hash. */
export const SLOT_BYTES = 1 << 20;
/**
 * Direct I/O wants file offsets, lengths and memory aligned to the device's logical block (512 B or
 * 4 KiB); 4 KiB satisfies both.
 */
export const IO_ALIGN = 4096;
export const SLOTS_PER_REGION = 4;
const WASM_PAGE = 65536;

/**
 * One slot. Reference-counted: the writer holds it while it fills and writes it, the hash while
 * it reads it; it goes back to the pool when both let go.
 */
export class IoSlot {
  /** The whole slot (SLOT_BYTES), aligned. */
  readonly buffer: Buffer;
  #refs = 0;
  readonly #pool: SlotPool;

  constructor(
    pool: SlotPool,
    /** Index of the region (shared memory block) this slot lies in. */
    readonly region: number,
    /** Byte offset of the slot in its region. */
    readonly offset: number,
  ) {
    this.#pool = pool;
    this.buffer = Buffer.from(pool.regions[region]!, offset, SLOT_BYTES);
  }

  retain(): void {
    if (this.#refs === 0) throw new Error('retain() of a released slot');
    this.#refs++;
  }

  release(): void {
    if (this.#refs === 0) throw new Error('release() of a released slot');
    if (--this.#refs === 0) this.#pool.giveBack(this);
  }

  /** Hands the slot out again (pool use only). */
  revive(): this {
    this.#refs = 1;
    return this;
  }
}

/**
 * Copies up to `source.length - sourceStart` bytes into `slot` at `at`, as many as fit; returns
 * how many. Not `Buffer#copy`: V8 copies into shared memory with relaxed atomics, and byte by byte
 * whenever the two addresses differ in alignment, which socket chunks nearly always do (~3 GB/s
 * against ~20). `fill` with a buffer of exactly the range's length is one native `memcpy`.
 */
export function copyIntoSlot(slot: Buffer, at: number, source: Buffer, sourceStart: number): number {
  const n = Math.min(slot.length - at, source.length - sourceStart);
  if (n <= 0) return 0;
  slot.fill(sourceStart === 0 && n === source.length ? source : source.subarray(sourceStart, sourceStart + n), at, at + n);
  return n;
}

// The WebAssembly global, typed here: the project's libs do not declare it as a value.
type WasmMemoryConstructor = new (descriptor: { initial: number; maximum: number; shared: boolean }) => { buffer: SharedArrayBuffer };
const WasmMemory = (globalThis as { WebAssembly?: { Memory: WasmMemoryConstructor } }).WebAssembly?.Memory;

/** Shared memory whose first byte is page-aligned: WebAssembly memory is mapped whole pages. */
function alignedSharedMemory(bytes: number): SharedArrayBuffer {
  try {
    if (!WasmMemory) throw new Error('no WebAssembly');
    const pages = Math.ceil(bytes / WASM_PAGE);
    return new WasmMemory({ initial: pages, maximum: pages, shared: true }).buffer;
  } catch {
    // Without shared wasm memory, alignment is luck: a direct write that is refused falls back to a plain one.
    return new SharedArrayBuffer(bytes);
  }
}

/**
 * Slots, allocated a region (4 MiB) at a time as more are in use at once, and kept for reuse.
 * How many are in use is bounded by the writers (two each) and the hash queue.
 */
export class SlotPool {
  /** Every region so far, by index; the hashing thread is sent each one once. */
  readonly regions: SharedArrayBuffer[] = [];
  readonly #free: IoSlot[] = [];

  /** A slot with one reference, the caller's. */
  acquire(): IoSlot {
    const slot = this.#free.pop();
    if (slot) return slot.revive();
    const region = this.regions.length;
    this.regions.push(alignedSharedMemory(SLOT_BYTES * SLOTS_PER_REGION));
    for (let i = SLOTS_PER_REGION - 1; i > 0; i--) this.#free.push(new IoSlot(this, region, i * SLOT_BYTES));
    return new IoSlot(this, region, 0).revive();
  }

  /** Called by a slot whose last reference was released. */
  giveBack(slot: IoSlot): void {
    this.#free.push(slot);
  }

  /** Slots allocated so far (in use or free). */
  get allocated(): number {
    return this.regions.length * SLOTS_PER_REGION;
  }

  /** Slots free for reuse. */
  get free(): number {
    return this.#free.length;
  }
}
