import { describe, expect, it } from 'vitest';
import { coalescedRunner } from '../../src/dl/coalesced-runs.js';

/** A task whose runs the test finishes by hand, recording when each started. */
function manualTask() {
  const runs: { key: string; startedAt: number; finish: (error?: Error) => void }[] = [];
  let clock = 0;
  const task = (key: string) =>
    new Promise<void>((resolve, reject) => {
      runs.push({ key, startedAt: ++clock, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { runs, task, tick: () => ++clock };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescedRunner', () => {
  it('gives every caller a run that started after it asked, sharing one among those who waited together', async () => {
    const { runs, task, tick } = manualTask();
    const run = coalescedRunner(task);
    const done: [number, number][] = [];
    const call = (n: number) => {
      const askedAt = tick();
      return run('dir').then(() => done.push([n, askedAt]));
    };
    const first = call(1);
    const waiting = [call(2), call(3), call(4)];
    await settle();
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await first;
    await settle();
    // Callers 2-4 arrived while run 1 was going: they share run 2, which started after all of them.
    expect(runs).toHaveLength(2);
    expect(done).toHaveLength(1);
    const askedLast = tick();
    const late = run('dir');
    await settle();
    runs[1]!.finish();
    await Promise.all(waiting);
    for (const [, askedAt] of done.slice(1)) expect(runs[1]!.startedAt).toBeGreaterThan(askedAt);
    // One who asked during run 2 gets run 3.
    expect(runs).toHaveLength(3);
    expect(runs[2]!.startedAt).toBeGreaterThan(askedLast);
    runs[2]!.finish();
    await late;
  });

  it('hands each caller its own run’s failure, and keeps keys apart', async () => {
    const { runs, task } = manualTask();
    const run = coalescedRunner(task);
    const a1 = run('a');
    const a2 = run('a');
    const b1 = run('b');
    await settle();
    expect(runs.map((r) => r.key)).toEqual(['a', 'b']);
    runs[0]!.finish(new Error('EIO'));
    await expect(a1).rejects.toThrow('EIO');
    await settle();
    runs[2]!.finish();
    await expect(a2).resolves.toBeUndefined();
    runs[1]!.finish();
    await expect(b1).resolves.toBeUndefined();
    // Nothing left behind: a new call starts a run at once.
    const again = run('a');
    await settle();
    expect(runs).toHaveLength(4);
    runs[3]!.finish();
    await again;
  });
});
