/** A run in progress for one key, and the run queued to start after it. */
interface KeyState {
  running: Promise<void> | null;
  queued: Promise<void> | null;
}

/**
 * Wraps `task` for callers that each need a run of it that starts after they asked (an fsync of a
 * folder after a rename into it): callers arriving while a run is going share the one queued next,
 * so N concurrent callers cost two runs, not N. Each caller gets its run's outcome. Keys are
 * independent.
 */
export function coalescedRunner(task: (key: string) => Promise<void>): (key: string) => Promise<void> {
  const states = new Map<string, KeyState>();

  const start = (key: string, state: KeyState): Promise<void> => {
    const run: Promise<void> = task(key).finally(() => {
      if (state.running === run) state.running = null;
      if (state.running === null && state.queued === null) states.delete(key);
    });
    state.running = run;
    return run;
  };

  return (key) => {
    let state = states.get(key);
    if (!state) states.set(key, (state = { running: null, queued: null }));
    if (state.queued) return state.queued;
    if (!state.running) return start(key, state);
    const s = state;
    s.queued = state.running
      .catch(() => undefined)
      .then(() => {
        s.queued = null;
        return start(key, s);
      });
    return s.queued;
  };
}
