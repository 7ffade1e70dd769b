import { backoffDelay, nextStep, type AttemptResult } from './retry.policy';

const options = { throttleInitialMs: 100, transientInitialMs: 250, maxMs: 2000 };
const now = 1_000_000;
const far = now + 3_600_000;
const half = () => 0.5;

describe('nextStep', () => {
  it.each<[string, AttemptResult, number, number, ReturnType<typeof nextStep>]>([
    ['a submitted message is done', 'submitted', 1, far, { step: 'done', result: 'submitted' }],
    ['a permanent refusal fails, never retried', 'permanent', 1, far, { step: 'done', result: 'failed' }],
    ['an ambiguous send is never retried', 'ambiguous', 1, far, { step: 'done', result: 'ambiguous' }],
    ['a throttle backs off from the throttle base', 'throttled', 1, far, { step: 'retry', delayMs: 75 }],
    ['a second throttle doubles', 'throttled', 2, far, { step: 'retry', delayMs: 150 }],
    ['a transient failure backs off from its own base', 'transient', 1, far, { step: 'retry', delayMs: 188 }],
    ['no carrier available waits like a transient failure', 'unavailable', 3, far, { step: 'retry', delayMs: 750 }],
    ['the delay is capped', 'transient', 20, far, { step: 'retry', delayMs: 1500 }],
    ['a retry that would land after the TTL floor expires the message', 'throttled', 1, now + 1050, { step: 'expire' }],
    ['a retry that lands before the floor is still made', 'throttled', 1, now + 1100, { step: 'retry', delayMs: 75 }],
  ])('%s', (_name, result, attempt, expiresAt, expected) => {
    expect(nextStep(result, attempt, now, expiresAt, options, half)).toEqual(expected);
  });

  it("uses the carrier's Retry-After instead of its own delay, within the TTL", () => {
    expect(nextStep('throttled', 1, now, far, options, half, 3000)).toEqual({ step: 'retry', delayMs: 3000 });
    expect(nextStep('throttled', 1, now, now + 3500, options, half, 3000)).toEqual({ step: 'expire' });
  });
});

describe('backoffDelay (equal jitter)', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [3, 0, 200],
    [3, 1, 400],
    [50, 1, 2000],
  ])('attempt %i with random %d waits %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, 100, 2000, () => r)).toBe(expected);
  });
});
