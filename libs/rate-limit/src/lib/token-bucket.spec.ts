import { TokenBucket } from './token-bucket';

describe('TokenBucket (segments per second, injected clock)', () => {
  it.each([
    // rate, takes [segments, at ms], expected wait (0 = taken)
    [
      'a full bucket serves its capacity at once',
      10,
      [
        [4, 0],
        [6, 0],
        [1, 0],
      ],
      [0, 0, 100],
    ],
    [
      'refills at the rate',
      10,
      [
        [10, 0],
        [1, 50],
        [1, 100],
      ],
      [0, 50, 0],
    ],
    [
      'counts a multipart message as its segments',
      5,
      [
        [3, 0],
        [3, 0],
      ],
      [0, 200],
    ],
    [
      'never banks more than the capacity',
      10,
      [
        [1, 0],
        [10, 10_000],
        [1, 10_000],
      ],
      [0, 0, 100],
    ],
    [
      'lets a message larger than the capacity go once full, then repays the debt',
      2,
      [
        [5, 0],
        [1, 0],
        [1, 1000],
      ],
      [0, 2000, 1000],
    ],
  ] as const)('%s', (_name, rate, takes, waits) => {
    const bucket = new TokenBucket(rate, 0);
    expect(takes.map(([n, at]) => bucket.tryTake(n, at))).toEqual(waits);
  });

  it('takes nothing when it answers with a wait', () => {
    const bucket = new TokenBucket(10, 0);
    bucket.tryTake(10, 0);
    expect(bucket.tryTake(5, 0)).toBe(500);
    expect(bucket.available(500)).toBeCloseTo(5);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket(10, 1000);
    bucket.tryTake(10, 1000);
    expect(bucket.available(500)).toBe(0);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => new TokenBucket(0, 0)).toThrow(RangeError);
  });
});
