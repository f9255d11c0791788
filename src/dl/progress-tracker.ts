import type { AggregateProgress } from './download-events.js';

interface Active {
  onDisk: number;
  total: number | null;
}

const WINDOW_MS = 5000;

/**
 * Aggregate counters for the progress event: files by outcome, bytes, a speed over a sliding
 * window (so a stall shows as a falling speed), and an ETA from the known remaining bytes plus
 * an average-sized guess for files not started yet.
 */
export class ProgressTracker {
  #filesTotal = 0;
  #done = 0;
  #skipped = 0;
  #failed = 0;
  #received = 0;
  #finishedBytes = 0;
  #finishedFiles = 0;
  readonly #active = new Map<string, Active>();
  #samples: { at: number; received: number }[] = [];
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  added(count = 1): void {
    this.#filesTotal += count;
  }

  started(key: string, onDisk: number, total: number | null): void {
    this.#active.set(key, { onDisk, total });
  }

  bytes(key: string, count: number): void {
    this.#received += count;
    const entry = this.#active.get(key);
    if (entry) entry.onDisk += count;
  }

  finished(key: string, outcome: 'done' | 'skipped' | 'failed', bytes = 0): void {
    this.#active.delete(key);
    if (outcome === 'done') {
      this.#done++;
      this.#finishedBytes += bytes;
      this.#finishedFiles++;
    } else if (outcome === 'skipped') {
      this.#skipped++;
    } else {
      this.#failed++;
    }
  }

  /** A file that was aborted: it no longer counts at all. */
  removed(key: string): void {
    this.#active.delete(key);
    this.#filesTotal--;
  }

  /** Forgets in-flight bytes of a file whose attempt failed (it will be started again). */
  interrupted(key: string): void {
    this.#active.delete(key);
  }

  snapshot(): AggregateProgress {
    const now = this.#now();
    this.#samples.push({ at: now, received: this.#received });
    while (this.#samples.length > 2 && now - this.#samples[0]!.at > WINDOW_MS) this.#samples.shift();
    const first = this.#samples[0]!;
    const elapsed = now - first.at;
    const speed = elapsed > 0 ? ((this.#received - first.received) * 1000) / elapsed : 0;

    let activeOnDisk = 0;
    let activeTotal = 0;
    let unknown = 0;
    for (const a of this.#active.values()) {
      activeOnDisk += a.onDisk;
      if (a.total !== null) activeTotal += a.total;
      else unknown++;
    }
    const notStarted = this.#filesTotal - this.#done - this.#skipped - this.#failed - this.#active.size;
    const average = this.#finishedFiles > 0 ? this.#finishedBytes / this.#finishedFiles : null;
    let etaMs: number | null = null;
    if (speed > 0 && unknown === 0 && (notStarted === 0 || average !== null)) {
      const remaining = activeTotal - activeOnDisk + notStarted * (average ?? 0);
      etaMs = Math.max(0, Math.round((remaining / speed) * 1000));
    } else if (notStarted === 0 && this.#active.size === 0) {
      etaMs = 0;
    }
    return {
      filesTotal: this.#filesTotal,
      filesDone: this.#done,
      filesSkipped: this.#skipped,
      filesFailed: this.#failed,
      filesActive: this.#active.size,
      bytesReceived: this.#received,
      bytesDone: this.#finishedBytes + activeOnDisk,
      bytesKnownTotal: this.#finishedBytes + activeTotal,
      speed,
      etaMs,
    };
  }
}
