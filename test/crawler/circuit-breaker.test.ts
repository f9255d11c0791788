import { describe, expect, it } from 'vitest';
import { AdaptiveThrottle } from '../../src/crawler/adaptive-throttle.js';
import { CircuitBreaker } from '../../src/crawler/circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one trial through after the cooldown, and closes on success', () => {
    let now = 1_000;
    const b = new CircuitBreaker(2, 500, () => now);
    b.enter('x');
    b.failure();
    expect(b.state).toBe('closed');
    b.enter('x');
    b.failure();
    expect(b.state).toBe('open');
    expect(() => b.enter('x')).toThrow(expect.objectContaining({ code: 'ERR_CIRCUIT_OPEN', retryAtMs: 1_500 }));
    now = 1_500;
    expect(b.state).toBe('half-open');
    b.enter('x'); // the trial
    expect(() => b.enter('x')).toThrow(expect.objectContaining({ code: 'ERR_CIRCUIT_OPEN' }));
    b.failure();
    expect(b.state).toBe('open');
    now = 2_000;
    b.enter('x');
    b.success();
    expect(b.state).toBe('closed');
    b.enter('x');
  });
});

describe('AdaptiveThrottle', () => {
  it('spaces requests, backs off after pushback and relaxes after successes', async () => {
    const t = new AdaptiveThrottle(0, 4_000, () => 0);
    expect(t.intervalMs).toBe(0);
    t.pushBack();
    expect(t.intervalMs).toBe(250);
    t.pushBack();
    t.pushBack();
    expect(t.intervalMs).toBe(1_000);
    for (let i = 0; i < 20; i++) t.pushBack();
    expect(t.intervalMs).toBe(4_000);
    for (let i = 0; i < 40; i++) t.relax();
    expect(t.intervalMs).toBe(0);
    const spaced = new AdaptiveThrottle(30, 1_000);
    const start = performance.now();
    await spaced.wait();
    await spaced.wait();
    await spaced.wait();
    expect(performance.now() - start).toBeGreaterThanOrEqual(55);
  });
});
