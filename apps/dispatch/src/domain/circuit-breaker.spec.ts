import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  const options = { failureThreshold: 3, openMs: 1000 };

  it.each([
    ['stays closed below the threshold', ['f', 'f'], 0, 'closed'],
    ['opens after N consecutive failures', ['f', 'f', 'f'], 10, 'open'],
    ['a success in between resets the count', ['f', 'f', 's', 'f', 'f'], 10, 'closed'],
    ['turns half-open after openMs', ['f', 'f', 'f'], 1000, 'half_open'],
  ] as const)('%s', (_name, events, at, state) => {
    const breaker = new CircuitBreaker(options);
    for (const e of events) {
      if (e === 'f') breaker.recordFailure(0);
      else breaker.recordSuccess();
    }
    expect(breaker.state(at)).toBe(state);
    expect(breaker.allows(at)).toBe(state !== 'open');
  });

  it('closes on a successful probe when half-open', () => {
    const breaker = new CircuitBreaker(options);
    [0, 0, 0].forEach((t) => breaker.recordFailure(t));
    breaker.recordSuccess();
    expect(breaker.state(1500)).toBe('closed');
  });

  it('opens again at once on a failed probe when half-open', () => {
    const breaker = new CircuitBreaker(options);
    [0, 0, 0].forEach((t) => breaker.recordFailure(t));
    breaker.recordFailure(1200);
    expect(breaker.state(1300)).toBe('open');
    expect(breaker.state(2200)).toBe('half_open');
  });
});
