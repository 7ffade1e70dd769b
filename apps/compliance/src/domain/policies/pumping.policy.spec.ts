import {
  VelocityLedger,
  velocityIncrements,
  type PumpingRules,
  type VelocityCount,
  type VelocityIncrement,
  type VelocityTarget,
} from './pumping.policy';

const rules = (mode: 'monitor' | 'filter' | 'block'): PumpingRules => ({
  prefixDigits: 7,
  velocity: [
    { name: 'otp-prefix', scope: 'prefix', categories: ['otp'], limit: 3, windowSeconds: 60, mode },
    {
      name: 'all-country',
      scope: 'country',
      categories: ['otp', 'transactional'],
      limit: 100,
      windowSeconds: 60,
      mode: 'filter',
    },
  ],
});
const NOW = Date.parse('2026-12-04T10:00:30Z');
const otp = (e164: string, country = 'FR'): VelocityTarget => ({ e164, country, category: 'otp' });
// A rotating range inside one prefix: +33 6 12 34 xx xx.
const burst = Array.from({ length: 6 }, (_, i) => otp(`+336123450${String(i).padStart(2, '0')}`));

/** What the counters statement returns when nothing was counted before this batch. */
function fresh(incs: VelocityIncrement[], previous = 0): VelocityCount[] {
  return incs.map((i) => ({ key: i.key, total: i.n, previous }));
}

describe('velocityIncrements', () => {
  it('aggregates one increment per key in key order, on fixed windows', () => {
    const incs = velocityIncrements([...burst, otp('+447700900123', 'GB')], rules('filter'), NOW);
    expect(incs.map((i) => [i.key, i.n])).toEqual([
      ['all-country:FR', 6],
      ['all-country:GB', 1],
      ['otp-prefix:+3361234', 6],
      ['otp-prefix:+4477009', 1],
    ]);
    expect(incs[0]).toMatchObject({
      bucketStartMs: Date.parse('2026-12-04T10:00:00Z'),
      previousBucketStartMs: Date.parse('2026-12-04T09:59:00Z'),
      windowMs: 60_000,
    });
  });

  it('ignores categories no rule names', () => {
    expect(
      velocityIncrements([{ e164: '+33612345678', country: 'FR', category: 'promotional' }], rules('filter'), NOW),
    ).toEqual([]);
  });
});

describe('VelocityLedger', () => {
  it('filter: a burst over one prefix is suppressed after the threshold, other prefixes still go', () => {
    const targets = [...burst, otp('+33700000001')];
    const incs = velocityIncrements(targets, rules('filter'), NOW);
    const ledger = new VelocityLedger(rules('filter'), fresh(incs), incs);
    const verdicts = targets.map((t) => ledger.check(t)?.reasonCode);
    expect(verdicts).toEqual([
      undefined,
      undefined,
      undefined,
      'FRAUD_SUSPECTED',
      'FRAUD_SUSPECTED',
      'FRAUD_SUSPECTED',
      undefined,
    ]);
    expect(ledger.flags).toEqual(Array(3).fill({ rule: 'otp-prefix', mode: 'filter' }));
  });

  it('counts what other replicas added before this batch (shared counters)', () => {
    const incs = velocityIncrements([burst[0]], rules('filter'), NOW);
    const counted = incs.map((i) => ({ key: i.key, total: i.key.startsWith('otp-prefix') ? 4 : 1, previous: 0 }));
    expect(new VelocityLedger(rules('filter'), counted, incs).check(burst[0])).toMatchObject({
      outcome: 'suppressed',
      reasonCode: 'FRAUD_SUSPECTED',
    });
  });

  it('monitor: flags but never suppresses', () => {
    const incs = velocityIncrements(burst, rules('monitor'), NOW);
    const ledger = new VelocityLedger(rules('monitor'), fresh(incs), incs);
    expect(burst.map((t) => ledger.check(t))).toEqual(Array(6).fill(undefined));
    expect(ledger.flags).toHaveLength(3);
    expect(ledger.flags[0]).toEqual({ rule: 'otp-prefix', mode: 'monitor' });
  });

  it('block: a prefix over the limit in the previous window stays closed, even for its first message', () => {
    const incs = velocityIncrements([burst[0]], rules('block'), NOW);
    const counts = incs.map((i) => ({ key: i.key, total: 1, previous: i.key.startsWith('otp-prefix') ? 9 : 0 }));
    const verdict = new VelocityLedger(rules('block'), counts, incs).check(burst[0]);
    expect(verdict?.reasonCode).toBe('FRAUD_SUSPECTED');
    expect(verdict?.reason).toContain('previous window');
    expect(new VelocityLedger(rules('filter'), counts, incs).check(burst[0])).toBeUndefined();
  });

  it('does not judge a message that was not counted (a deferred release)', () => {
    expect(new VelocityLedger(rules('block'), [], []).check(burst[0])).toBeUndefined();
  });

  it('names the prefix, never the full number', () => {
    const incs = velocityIncrements(burst, rules('filter'), NOW);
    const ledger = new VelocityLedger(rules('filter'), fresh(incs), incs);
    const reasons = burst.map((t) => ledger.check(t)?.reason).filter((r) => r !== undefined);
    expect(reasons[0]).toBe('velocity otp-prefix (filter): over 3 otp to prefix +3361234 per 60 s');
    for (const r of reasons) expect(r).not.toContain('+33612345');
  });
});
