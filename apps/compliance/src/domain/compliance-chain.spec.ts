import type { MessageCategory } from '@herald/contracts';
import { decideBatch, type Candidate, type ComplianceState } from './compliance-chain';
import { renderedMessage, shippedComplianceRules, TOKEN_A, type MessageOverrides } from './compliance.fixtures';
import type { Decision } from './decision';

const rules = shippedComplianceRules();
const FR_MOBILE = '+33612345678';
const NIGHT_PARIS = new Date('2026-03-28T22:30:00Z'); // 23:30 CET
const DAY_PARIS = new Date('2026-03-30T10:00:00Z'); // 12:00 CEST
const empty: ComplianceState = { optOuts: [], consents: [], caps: [] };
const optedOut: ComplianceState = {
  ...empty,
  optOuts: [
    { recipientToken: TOKEN_A, brand: 'maison-durand', optedOut: true, source: 'sms', at: '2026-01-01T00:00:00Z' },
  ],
};
// The reply receipts sends in answer to the STOP recorded in `optedOut` (apps/receipts inbound-reply.ts).
const stopReply: MessageOverrides = {
  templateKey: 'system.stop_confirmation',
  sourceEvent: { id: 'mo-1', type: 'carrier.inbound', source: 'herald/receipts', time: '2026-01-01T00:00:00Z' },
};
const fullCap: ComplianceState = {
  ...empty,
  caps: [
    {
      recipientToken: TOKEN_A,
      capName: 'all-but-otp-hourly',
      entries: Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, at: DAY_PARIS.getTime() - (i + 1) * 60_000 })),
    },
  ],
};

function decide(
  o: MessageOverrides,
  phone: string | undefined,
  state: ComplianceState,
  now: Date,
  stage: 'intake' | 'release' = 'intake',
): Decision {
  const candidate: Candidate = { message: renderedMessage(o), phone };
  return decideBatch([candidate], state, rules, { now, stage }).decisions[0];
}

const summary = (d: Decision) =>
  d.outcome === 'approved'
    ? `approved ${d.senderId}`
    : d.outcome === 'deferred'
      ? `deferred ${d.releaseAt}`
      : `${d.outcome} ${d.reasonCode}`;

describe('the policy chain', () => {
  it.each([
    ['approves a daytime transactional message', {}, FR_MOBILE, empty, DAY_PARIS, 'approved Herald'],
    [
      'defers a transactional message at night to 08:00 local',
      {},
      FR_MOBILE,
      empty,
      NIGHT_PARIS,
      'deferred 2026-03-29T06:00:00.000Z',
    ],
    [
      'defers a promotional message too (with consent)',
      { category: 'promotional' as MessageCategory },
      FR_MOBILE,
      { ...empty, consents: [{ recipientToken: TOKEN_A, brand: 'maison-durand', purpose: 'marketing' }] },
      NIGHT_PARIS,
      'deferred 2026-03-29T06:00:00.000Z',
    ],
    ['sends an otp at night', { category: 'otp' as MessageCategory }, FR_MOBILE, empty, NIGHT_PARIS, 'approved Herald'],
    [
      'sends a security alert at night',
      { category: 'security' as MessageCategory },
      FR_MOBILE,
      empty,
      NIGHT_PARIS,
      'approved Herald',
    ],
    [
      'uses the explicit zone of the message (15:30 in Los Angeles)',
      { timezone: 'America/Los_Angeles' },
      FR_MOBILE,
      empty,
      NIGHT_PARIS,
      'approved Herald',
    ],
    [
      'defers to 08:00 of the explicit zone (07:30 in Tokyo)',
      { timezone: 'Asia/Tokyo' },
      FR_MOBILE,
      empty,
      NIGHT_PARIS,
      'deferred 2026-03-28T23:00:00.000Z',
    ],
    [
      'expires a message whose TTL passed',
      { expiresAt: '2026-03-30T09:59:59.999Z' },
      FR_MOBILE,
      empty,
      DAY_PARIS,
      'expired TTL_EXPIRED',
    ],
    [
      'expires instead of deferring past the TTL',
      { expiresAt: '2026-03-29T05:00:00.000Z' },
      FR_MOBILE,
      empty,
      NIGHT_PARIS,
      'expired QUIET_HOURS_EXPIRED',
    ],
    ['suppresses a landline', {}, '+33142345678', empty, DAY_PARIS, 'suppressed NOT_MOBILE'],
    ['suppresses an undecryptable number', {}, undefined, empty, DAY_PARIS, 'suppressed INVALID_NUMBER'],
    ['suppresses an opted-out recipient', {}, FR_MOBILE, optedOut, DAY_PARIS, 'suppressed OPTED_OUT'],
    [
      'suppresses an opted-out recipient even for otp',
      { category: 'otp' as MessageCategory },
      FR_MOBILE,
      optedOut,
      DAY_PARIS,
      'suppressed OPTED_OUT',
    ],
    [
      'still sends the STOP confirmation answering that STOP',
      stopReply,
      FR_MOBILE,
      optedOut,
      DAY_PARIS,
      'approved Herald',
    ],
    [
      'suppresses a system. template requested by a caller (issue 19)',
      { templateKey: 'system.stop_confirmation' },
      FR_MOBILE,
      optedOut,
      DAY_PARIS,
      'suppressed OPTED_OUT',
    ],
    [
      'suppresses a HELP reply to an opted-out recipient',
      { ...stopReply, templateKey: 'system.help' },
      FR_MOBILE,
      optedOut,
      DAY_PARIS,
      'suppressed OPTED_OUT',
    ],
    [
      'suppresses promotional without consent',
      { category: 'promotional' as MessageCategory },
      FR_MOBILE,
      empty,
      DAY_PARIS,
      'suppressed NO_CONSENT',
    ],
    [
      'suppresses without a sender',
      { senderProfile: 'fr-alpha' },
      '+14155550123',
      empty,
      DAY_PARIS,
      'suppressed NO_SENDER',
    ],
    [
      'suppresses an unregistered Indian template',
      { country: 'IN', senderProfile: 'in-dlt', brand: 'acme-bank' },
      '+919812345678',
      empty,
      DAY_PARIS,
      'suppressed TEMPLATE_NOT_REGISTERED',
    ],
    ['suppresses over the cap', {}, FR_MOBILE, fullCap, DAY_PARIS, 'suppressed FREQUENCY_CAP'],
  ])('%s', (_case, overrides, phone, state, now, expected) => {
    expect(summary(decide(overrides, phone, state, now))).toBe(expected);
  });

  it('checks in the documented order: TTL, number, country, opt-out, consent, sender, cap, quiet hours', () => {
    const everythingWrong: MessageOverrides = {
      category: 'promotional',
      senderProfile: 'nope',
      expiresAt: '2026-03-28T22:00:00Z',
    };
    const allBad: ComplianceState = { ...optedOut, caps: fullCap.caps };
    const steps: Array<[MessageOverrides, string | undefined, string]> = [
      [everythingWrong, '+33142345678', 'expired TTL_EXPIRED'],
      [{ ...everythingWrong, expiresAt: undefined }, '+33142345678', 'suppressed NOT_MOBILE'],
      [{ ...everythingWrong, expiresAt: undefined, country: 'FR' }, FR_MOBILE, 'suppressed OPTED_OUT'],
      [{ ...everythingWrong, ...stopReply, expiresAt: undefined }, FR_MOBILE, 'suppressed NO_CONSENT'],
      [
        { ...everythingWrong, ...stopReply, expiresAt: undefined, category: 'transactional' },
        FR_MOBILE,
        'suppressed NO_SENDER',
      ],
      [stopReply, FR_MOBILE, 'suppressed FREQUENCY_CAP'],
    ];
    for (const [o, phone, expected] of steps) {
      const clean = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      expect(summary(decide(clean, phone, allBad, NIGHT_PARIS))).toBe(expected);
    }
  });

  it('suppresses a valid number of a denied country before looking at opt-outs', () => {
    const denied = { ...rules, countries: { ...rules.countries, deny: ['FR'] } };
    const d = decideBatch([{ message: renderedMessage(), phone: FR_MOBILE }], optedOut, denied, {
      now: DAY_PARIS,
      stage: 'intake',
    }).decisions[0];
    expect(summary(d)).toBe('suppressed COUNTRY_DENIED');
  });

  it('re-checks a released message without quiet hours but with opt-outs and caps', () => {
    expect(summary(decide({}, FR_MOBILE, empty, NIGHT_PARIS, 'release'))).toBe('approved Herald');
    expect(summary(decide({}, FR_MOBILE, optedOut, NIGHT_PARIS, 'release'))).toBe('suppressed OPTED_OUT');
    expect(summary(decide({ expiresAt: '2026-03-28T22:30:00Z' }, FR_MOBILE, empty, NIGHT_PARIS, 'release'))).toBe(
      'expired QUIET_HOURS_EXPIRED',
    );
  });

  it('counts approvals of one batch against the cap and reports the counters to write', () => {
    const tight = {
      ...rules,
      frequencyCaps: [{ name: 'one-per-hour', categories: ['transactional' as const], limit: 1, windowSeconds: 3600 }],
    };
    const candidates: Candidate[] = [
      {
        message: renderedMessage({
          messageId: '00000000-0000-4000-8000-000000000001',
          sourceEvent: { id: 'e1', type: 'order.placed', source: 's', time: '2026-03-30T10:00:00Z' },
        }),
        phone: FR_MOBILE,
      },
      {
        message: renderedMessage({
          messageId: '00000000-0000-4000-8000-000000000002',
          sourceEvent: { id: 'e2', type: 'order.shipped', source: 's', time: '2026-03-30T10:00:00Z' },
        }),
        phone: FR_MOBILE,
      },
    ];
    const { decisions, capWrites } = decideBatch(candidates, empty, tight, { now: DAY_PARIS, stage: 'intake' });
    expect(decisions.map(summary)).toEqual(['approved Herald', 'suppressed FREQUENCY_CAP']);
    expect(capWrites).toEqual([
      {
        recipientToken: TOKEN_A,
        capName: 'one-per-hour',
        windowMs: 3_600_000,
        entries: [{ id: '00000000-0000-4000-8000-000000000001', at: DAY_PARIS.getTime() }],
      },
    ]);
  });

  it('does not count deferred or suppressed messages against caps', () => {
    const { capWrites } = decideBatch([{ message: renderedMessage(), phone: FR_MOBILE }], empty, rules, {
      now: NIGHT_PARIS,
      stage: 'intake',
    });
    expect(capWrites).toEqual([]);
  });

  it('passes the India entity id through', () => {
    const d = decide(
      {
        country: 'IN',
        senderProfile: 'in-dlt',
        brand: 'acme-bank',
        registeredTemplateId: '1107161234567890123',
        timezone: 'Asia/Kolkata',
      },
      '+919812345678',
      empty,
      DAY_PARIS,
    );
    expect(d).toEqual({ outcome: 'approved', senderId: 'ACMEBK', entityId: '1101234567890123456' });
  });
});
