import { shippedComplianceRules } from '../compliance.fixtures';
import { checkOptOut, latestOptEvents, type OptOutState } from './opt-out.policy';

const rules = shippedComplianceRules();
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('opt-out', () => {
  const state = (brand: string, optedOut: boolean, at: string): OptOutState => ({ recipientToken: A, brand, optedOut, source: 'sms', at });
  const msg = (templateKey = 'order_placed', brand = 'shop') => ({ recipientToken: A, brand, templateKey });
  const exempt = rules.optOutExemptTemplatePrefixes;

  it.each([
    ['no record', [], msg(), undefined],
    ['opted out of this brand', [state('shop', true, '2026-01-01T00:00:00Z')], msg(), 'OPTED_OUT'],
    ['opted out of another brand', [state('other', true, '2026-01-01T00:00:00Z')], msg(), undefined],
    ['opted back in', [state('shop', false, '2026-01-01T00:00:00Z')], msg(), undefined],
    ['STOPALL', [state('*', true, '2026-01-01T00:00:00Z')], msg(), 'OPTED_OUT'],
    ['brand opt-in after a STOPALL', [state('*', true, '2026-01-01T00:00:00Z'), state('shop', false, '2026-02-01T00:00:00Z')], msg(), undefined],
    ['STOPALL after a brand opt-in', [state('shop', false, '2026-01-01T00:00:00Z'), state('*', true, '2026-02-01T00:00:00Z')], msg(), 'OPTED_OUT'],
    ['system. template still goes to an opted-out recipient', [state('shop', true, '2026-01-01T00:00:00Z')], msg('system.stop_confirmation'), undefined],
    ['another recipient opted out', [{ ...state('shop', true, '2026-01-01T00:00:00Z'), recipientToken: B }], msg(), undefined],
  ])('%s', (_case, states, message, expected) => {
    expect(checkOptOut(states, message, exempt)?.reasonCode).toBe(expected);
  });

  it('keeps the newest event per recipient and brand', () => {
    const events = [
      { recipientToken: A, brand: 'shop', action: 'opt_out' as const, at: '2026-01-02T00:00:00Z', n: 1 },
      { recipientToken: A, brand: 'shop', action: 'opt_in' as const, at: '2026-01-01T00:00:00Z', n: 2 },
      { recipientToken: A, brand: 'other', action: 'opt_in' as const, at: '2026-01-01T00:00:00Z', n: 3 },
      { recipientToken: A, brand: 'other', action: 'opt_out' as const, at: '2026-01-01T00:00:00Z', n: 4 },
    ];
    expect(latestOptEvents(events).map((e) => e.n)).toEqual([1, 4]);
  });
});
