import { RandomPool } from './random-pool';

describe('RandomPool', () => {
  it('never hands out the same bytes twice, across refills', () => {
    const pool = new RandomPool(48);
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(pool.take(12).toString('hex'));
    expect(seen.size).toBe(100);
  });

  it('keeps slices already handed out intact when it refills', () => {
    const pool = new RandomPool(24);
    const first = pool.take(12);
    const copy = Buffer.from(first);
    for (let i = 0; i < 10; i++) pool.take(12);
    expect(first.equals(copy)).toBe(true);
  });

  it('serves a request larger than its block directly', () => {
    const pool = new RandomPool(16);
    expect(pool.take(64)).toHaveLength(64);
    expect(pool.take(12)).toHaveLength(12);
  });
});
