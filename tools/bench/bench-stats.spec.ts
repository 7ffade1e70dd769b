import { percentiles, percentilesWithMisses } from './bench-stats';

describe('percentilesWithMisses', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('equals nearest-rank percentiles when every message arrived', () => {
    const p = percentilesWithMisses(hundred, 100);
    expect(p).toMatchObject({ count: 100, sent: 100, misses: 0, p50: 50, p99: 99, max: 100 });
    expect(p.p50).toBe(percentiles(hundred).p50);
  });

  it('ranks a missing message after every arrival instead of dropping it', () => {
    // 98 arrivals of 1..98 ms and 2 misses out of 100: p99 is a miss, p50 unchanged.
    const p = percentilesWithMisses(hundred.slice(0, 98), 100);
    expect(p).toMatchObject({ count: 98, sent: 100, misses: 2, p50: 50, p99: Infinity, max: Infinity });
    // Dropping the misses would have reported p99 = 98 ms.
    expect(percentiles(hundred.slice(0, 98)).p99).toBe(98);
  });

  it('keeps p99 finite while misses stay within the last percent', () => {
    const arrived = Array.from({ length: 999 }, (_, i) => i + 1);
    const p = percentilesWithMisses(arrived, 1000);
    expect(p.p99).toBe(990);
    expect(p.p999).toBe(999);
    expect(p.max).toBe(Infinity);
  });

  it('reports everything missed as Infinity, and nothing sent as NaN', () => {
    expect(percentilesWithMisses([], 10)).toMatchObject({ p50: Infinity, p99: Infinity, misses: 10 });
    expect(percentilesWithMisses([], 0).p50).toBeNaN();
  });

  it('sorts its input and refuses more arrivals than messages sent', () => {
    expect(percentilesWithMisses([30, 10, 20], 3)).toMatchObject({ p50: 20, max: 30 });
    expect(() => percentilesWithMisses([1, 2], 1)).toThrow('2 arrivals for 1 messages sent');
  });
});
