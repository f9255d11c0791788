/** One "anchor away" as it affected the stream: packets from `atPacket` on are `skippedMs` later. */
export interface AwayRecord {
  fromMs: number;
  untilMs: number;
  atPacket: number;
  skippedMs: number;
}

/**
 * Which packets a live stream has produced by a given stream time. Packet `k` is due at its
 * timestamp, `k × frameMs` plus the time skipped by earlier "anchor away" periods; during such
 * a period nothing is produced, and the next packet's timestamp jumps past it.
 */
export class LiveTimeline {
  readonly frameMs: number;
  #produced = 0;
  #nextDueMs = 0;
  #shiftMs = 0;
  readonly #shifts: { fromPacket: number; totalMs: number }[] = [];
  readonly #aways: { fromMs: number; untilMs: number }[] = [];
  #awayCursor = 0;
  readonly #log: AwayRecord[] = [];

  constructor(frameMs: number) {
    this.frameMs = frameMs;
  }

  get produced(): number {
    return this.#produced;
  }

  get awayLog(): readonly AwayRecord[] {
    return this.#log;
  }

  /** Timestamp (ms of stream time) of packet `index`. */
  timestampOf(index: number): number {
    let shift = 0;
    for (let i = this.#shifts.length - 1; i >= 0; i--) {
      const s = this.#shifts[i]!;
      if (s.fromPacket <= index) {
        shift = s.totalMs;
        break;
      }
    }
    return index * this.frameMs + shift;
  }

  /** No packet is produced in `[fromMs, untilMs)` of stream time. Calls come in time order. */
  addAway(fromMs: number, untilMs: number): void {
    if (untilMs > fromMs) this.#aways.push({ fromMs, untilMs });
  }

  isAway(streamMs: number): boolean {
    return this.#aways.some((a) => a.fromMs <= streamMs && streamMs < a.untilMs);
  }

  /** Produces every packet due by `streamMs`; returns the new produced count. */
  advanceTo(streamMs: number): number {
    while (this.#nextDueMs <= streamMs) {
      const away = this.#aways[this.#awayCursor];
      if (away && this.#nextDueMs >= away.untilMs) {
        this.#awayCursor++;
      } else if (away && this.#nextDueMs >= away.fromMs) {
        const skipped = Math.ceil((away.untilMs - this.#nextDueMs) / this.frameMs) * this.frameMs;
        this.#log.push({ ...away, atPacket: this.#produced, skippedMs: skipped });
        this.#shiftMs += skipped;
        this.#shifts.push({ fromPacket: this.#produced, totalMs: this.#shiftMs });
        this.#nextDueMs += skipped;
        this.#awayCursor++;
      } else {
        this.#produced++;
        this.#nextDueMs += this.frameMs;
      }
    }
    return this.#produced;
  }
}
