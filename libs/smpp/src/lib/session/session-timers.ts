export type TimerHandle = unknown;

/** The session's timers (response timeouts, enquire_link keepalives) and their time in ms; tests pass a fake to drive them without waiting. Not a Clock: services take theirs from @herald/service-kit. */
export interface SessionTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: SessionTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
