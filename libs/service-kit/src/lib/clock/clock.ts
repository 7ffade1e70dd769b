/** The only source of "now" outside tests: every service gets it injected as CLOCK; tests pass a fixed or fake one. */
export interface Clock {
  now(): Date;
}

/** Provided to every service by bootstrapService; inject it with `@Inject(CLOCK)`. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
