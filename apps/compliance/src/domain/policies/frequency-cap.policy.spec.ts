import type { FrequencyCapRule } from '../rules/compliance-rules';
import { CapLedger, type CapCounter } from './frequency-cap.policy';

const T0 = Date.parse('2026-05-04T10:00:00.000Z');
const HOUR = 3_600_000;
const token = 'b'.repeat(64);
const caps: FrequencyCapRule[] = [
  {
    name: 'all-but-otp-hourly',
    categories: ['security', 'transactional', 'promotional'],
    limit: 2,
    windowSeconds: 3600,
  },
  { name: 'promotional-daily', categories: ['promotional'], limit: 1, windowSeconds: 86400 },
  { name: 'otp-10-minutes', categories: ['otp'], limit: 5, windowSeconds: 600 },
];
const msg = (id: string, category: 'otp' | 'transactional' | 'promotional' | 'security' = 'transactional') => ({
  messageId: id,
  recipientToken: token,
  category,
});
const stored = (capName: string, ats: number[]): CapCounter => ({
  recipientToken: token,
  capName,
  entries: ats.map((at, i) => ({ id: `old-${i}`, at })),
});

describe('frequency caps', () => {
  it.each([
    ['under the cap', [T0 - 10 * 60_000], T0, undefined],
    ['exactly at the cap', [T0 - 30 * 60_000, T0 - 10 * 60_000], T0, 'FREQUENCY_CAP'],
    ['oldest send 1 ms inside the window', [T0 - HOUR + 1, T0 - 1], T0, 'FREQUENCY_CAP'],
    ['oldest send exactly one window ago no longer counts', [T0 - HOUR, T0 - 1], T0, undefined],
    ['both sends older than the window', [T0 - 2 * HOUR, T0 - HOUR - 1], T0, undefined],
  ])('%s', (_case, sends, now, expected) => {
    const ledger = new CapLedger([stored('all-but-otp-hourly', sends)], caps);
    expect(ledger.check(msg('new'), now)?.reasonCode).toBe(expected);
  });

  it('counts every event type of a category together and approves up to the limit inside a batch', () => {
    const ledger = new CapLedger([], caps);
    const results = ['m1', 'm2', 'm3'].map((id) => {
      const verdict = ledger.check(msg(id), T0);
      if (!verdict) ledger.record(msg(id), T0);
      return verdict?.reasonCode ?? 'ok';
    });
    expect(results).toEqual(['ok', 'ok', 'FREQUENCY_CAP']);
    expect(ledger.writes()).toEqual([
      {
        recipientToken: token,
        capName: 'all-but-otp-hourly',
        windowMs: HOUR,
        entries: [
          { id: 'm1', at: T0 },
          { id: 'm2', at: T0 },
        ],
      },
    ]);
  });

  it('applies promotional caps on top of the shared one', () => {
    const ledger = new CapLedger([stored('promotional-daily', [T0 - 23 * HOUR])], caps);
    expect(ledger.check(msg('p', 'promotional'), T0)?.reason).toMatch(/promotional-daily/);
    expect(ledger.check(msg('t', 'transactional'), T0)).toBeUndefined();
  });

  it('keeps otp apart: five per ten minutes, not counted against the others', () => {
    const ledger = new CapLedger(
      [
        stored(
          'otp-10-minutes',
          [1, 2, 3, 4].map((m) => T0 - m * 60_000),
        ),
      ],
      caps,
    );
    expect(ledger.check(msg('o5', 'otp'), T0)).toBeUndefined();
    ledger.record(msg('o5', 'otp'), T0);
    expect(ledger.check(msg('o6', 'otp'), T0)?.reasonCode).toBe('FREQUENCY_CAP');
    expect(ledger.check(msg('o6', 'otp'), T0 + 6 * 60_000)).toBeUndefined();
    expect(ledger.check(msg('t', 'transactional'), T0)).toBeUndefined();
  });

  it('lets a redelivered message through without counting it twice', () => {
    const counter: CapCounter = {
      recipientToken: token,
      capName: 'all-but-otp-hourly',
      entries: [
        { id: 'a', at: T0 - 1 },
        { id: 'b', at: T0 - 2 },
      ],
    };
    const ledger = new CapLedger([counter], caps);
    expect(ledger.check(msg('a'), T0)).toBeUndefined();
    ledger.record(msg('a'), T0);
    expect(ledger.writes()).toEqual([]);
  });

  it('trims entries that left the window when it writes', () => {
    const ledger = new CapLedger([stored('all-but-otp-hourly', [T0 - 2 * HOUR])], caps);
    ledger.record(msg('n'), T0);
    expect(ledger.writes()[0].entries).toEqual([{ id: 'n', at: T0 }]);
  });
});
