import { shippedComplianceRules } from '../compliance.fixtures';
import { checkOptOut, latestOptEvents, type OptOutState } from './opt-out.policy';

const rules = shippedComplianceRules();
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('opt-out', () => {
  const STOP_AT = '2026-01-01T00:00:00.000Z';
  const state = (brand: string, optedOut: boolean, at: string): OptOutState => ({
    recipientToken: A,
    brand,
    optedOut,
    source: 'sms',
    at,
  });
  const event = { type: 'order.placed', source: 'shop', time: '2026-03-01T00:00:00Z' };
  const msg = (templateKey = 'order_placed', brand = 'shop', sourceEvent = event) => ({
    recipientToken: A,
    brand,
    templateKey,
    sourceEvent,
  });
  const reply = (templateKey: string, time = STOP_AT, source = 'herald/receipts') =>
    msg(templateKey, 'shop', { type: 'carrier.inbound', source, time });
  const confirmation = rules.stopConfirmationTemplate;

  it.each([
    ['no record', [], msg(), undefined],
    ['opted out of this brand', [state('shop', true, STOP_AT)], msg(), 'OPTED_OUT'],
    ['opted out of another brand', [state('other', true, STOP_AT)], msg(), undefined],
    ['opted back in', [state('shop', false, STOP_AT)], msg(), undefined],
    ['STOPALL', [state('*', true, STOP_AT)], msg(), 'OPTED_OUT'],
    [
      'STOPALL, for a brand that has no record of its own',
      [state('*', true, STOP_AT)],
      msg('order_placed', 'brand-added-later'),
      'OPTED_OUT',
    ],
    [
      'brand opt-in after a STOPALL',
      [state('*', true, STOP_AT), state('shop', false, '2026-02-01T00:00:00Z')],
      msg(),
      undefined,
    ],
    [
      'STOPALL after a brand opt-in',
      [state('shop', false, STOP_AT), state('*', true, '2026-02-01T00:00:00Z')],
      msg(),
      'OPTED_OUT',
    ],
    ['another recipient opted out', [{ ...state('shop', true, STOP_AT), recipientToken: B }], msg(), undefined],
  ])('%s', (_case, states, message, expected) => {
    expect(checkOptOut(states, message, confirmation)?.reasonCode).toBe(expected);
  });

  describe('the one exemption: the STOP confirmation answering that STOP (issue 19)', () => {
    it('lets the confirmation receipts built from the STOP through', () => {
      expect(
        checkOptOut([state('shop', true, STOP_AT)], reply('system.stop_confirmation'), confirmation),
      ).toBeUndefined();
      // Same instant in another spelling (the store returns milliseconds, the MO may not carry them).
      expect(
        checkOptOut(
          [state('shop', true, STOP_AT)],
          reply('system.stop_confirmation', '2026-01-01T00:00:00Z'),
          confirmation,
        ),
      ).toBeUndefined();
    });

    it('lets the confirmation of a STOPALL through', () => {
      expect(
        checkOptOut(
          [state('shop', false, '2025-12-01T00:00:00Z'), state('*', true, STOP_AT)],
          reply('system.stop_confirmation'),
          confirmation,
        ),
      ).toBeUndefined();
    });

    it.each([
      ['a HELP reply', reply('system.help'), 'OPTED_OUT'],
      ['a START confirmation while still opted out', reply('system.start_confirmation'), 'OPTED_OUT'],
      [
        'a confirmation of an earlier STOP (a second copy later)',
        reply('system.stop_confirmation', '2025-12-31T23:59:59Z'),
        'OPTED_OUT',
      ],
      ['a stop confirmation requested by a caller', msg('system.stop_confirmation'), 'OPTED_OUT'],
      [
        'a stop confirmation claiming another source',
        reply('system.stop_confirmation', STOP_AT, 'herald/api/shop'),
        'OPTED_OUT',
      ],
      ['any other system template', msg('system.anything'), 'OPTED_OUT'],
    ])('suppresses %s', (_case, message, expected) => {
      expect(checkOptOut([state('shop', true, STOP_AT)], message, confirmation)?.reasonCode).toBe(expected);
    });

    it('does not exempt the confirmation when an operator (not that SMS) opted the recipient out', () => {
      const byApi: OptOutState = { ...state('shop', true, STOP_AT), source: 'api' };
      expect(checkOptOut([byApi], reply('system.stop_confirmation'), confirmation)?.reasonCode).toBe('OPTED_OUT');
    });
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
