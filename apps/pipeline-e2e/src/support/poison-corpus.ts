import { Topics } from '@herald/contracts';
import { frenchMobile } from './fixtures';

export type Expectation =
  | { kind: 'dlq'; topic: string; codes: string[] }
  | { kind: 'suppressed'; reasons: string[] }
  | { kind: 'final' }
  | { kind: 'skipped' }
  | { kind: 'one-message' };

export interface PoisonRecord {
  id: string;
  family: string;
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
  expect: Expectation;
}

const order = (phone: string, firstName = 'Amélie') => ({
  orderId: 'o-1',
  customer: { firstName, phone, locale: 'fr-FR' },
  total: { amount: '49.90', currency: 'EUR' },
});
const ce = (id: string, type: string = Topics.OrderPlaced) => ({
  ce_id: id,
  ce_type: type,
  ce_source: 'e2e/poison',
  ce_time: new Date().toISOString(),
  ce_specversion: '1.0',
});

/** At least 200 bad (or awkward) inputs on the Kafka side, each with where it must end. */
export function kafkaPoison(run: string): PoisonRecord[] {
  const out: PoisonRecord[] = [];
  const add = (
    family: string,
    value: string | Buffer,
    expect: Expectation,
    headers?: Record<string, string>,
    topic: string = Topics.OrderPlaced,
  ) => {
    const id = `poison-${run}-${family}-${out.length}`;
    out.push({ id, family, topic, key: id, value, headers: headers ?? ce(id), expect });
  };
  const dlq = (...codes: string[]): Expectation => ({ kind: 'dlq', topic: `${Topics.OrderPlaced}.dlq`, codes });
  const malformed = [
    '{"orderId":',
    'not json',
    '[1,2',
    '{"a":1}}',
    '\u0000\u0001\u0002',
    '{"orderId":"1",}',
    "{'single':'quotes'}",
    'NaN',
    '{"x":undefined}',
    '<xml/>',
  ];
  for (let i = 0; i < 25; i++)
    add(
      'malformed-json',
      `${malformed[i % malformed.length]}${' '.repeat(i % 3)}`,
      dlq('UNDECODABLE_RECORD', 'CONTRACT_VIOLATION'),
    );
  const wrongTypes: Array<(p: string) => unknown> = [
    (p) => ({ ...order(p), orderId: 42 }),
    (p) => ({ ...order(p), customer: p }),
    (p) => ({ ...order(p), total: { amount: 49.9, currency: 'EUR' } }),
    (p) => ({ ...order(p), items: 'three' }),
    (p) => ({ ...order(p), customer: { phone: 33612345678 } }),
  ];
  for (let i = 0; i < 25; i++)
    add(
      'wrong-types',
      JSON.stringify(wrongTypes[i % wrongTypes.length](frenchMobile(900000 + i))),
      dlq('CONTRACT_VIOLATION'),
    );
  const missing: Array<(p: string) => unknown> = [
    (p) => ({ ...order(p), customer: undefined }),
    (p) => ({ ...order(p), orderId: undefined }),
    () => ({ ...order(''), customer: { firstName: 'x' } }),
    (p) => ({ ...order(p), total: { amount: '1.00' } }),
    () => ({}),
  ];
  for (let i = 0; i < 25; i++)
    add(
      'missing-fields',
      JSON.stringify(missing[i % missing.length](frenchMobile(910000 + i))),
      dlq('CONTRACT_VIOLATION', 'MISSING_RECIPIENT'),
    );
  for (let i = 0; i < 3; i++)
    add(
      'oversized',
      JSON.stringify({ ...order(frenchMobile(920000 + i)), items: [{ name: 'x'.repeat(1_200_000), quantity: 1 }] }),
      dlq('PAYLOAD_TOO_LARGE'),
    );
  const badNumbers = [
    'abc',
    '12',
    '+999 1234',
    '0000000000',
    '+33 6 12',
    '+1 555',
    'phone',
    '++33612345678',
    '+33 6 12 34 56 78 90 12',
    '☎',
  ];
  for (let i = 0; i < 25; i++)
    add(
      'invalid-number',
      JSON.stringify(order(badNumbers[i % badNumbers.length])),
      dlq('INVALID_PHONE', 'CONTRACT_VIOLATION'),
    );
  for (let i = 0; i < 10; i++)
    add('landline', JSON.stringify(order(`+33 1 23 45 ${String(10 + i).padStart(2, '0')} 89`)), {
      kind: 'suppressed',
      reasons: ['NOT_MOBILE', 'INVALID_NUMBER'],
    });
  for (let i = 0; i < 10; i++) {
    const id = `poison-${run}-unknown-type-${out.length}`;
    out.push({
      id,
      family: 'unknown-event-type',
      topic: Topics.OrderPlaced,
      key: id,
      value: JSON.stringify(order(frenchMobile(930000 + i))),
      headers: ce(id, `order.exploded.${i}`),
      expect: { kind: 'skipped' },
    });
  }
  const awkward = [
    '{{ 7 | times: 6 }}',
    '{% raw %}x{% endraw %}',
    '{{customer.phone}}',
    'Zoé\u0007\u0008',
    'Tab\tName',
    'عائشة',
    'שרה',
    '😀🎉 Amélie',
    'Ȥ̸͖alg̶o',
    'Line\nBreak',
  ];
  for (let i = 0; i < 30; i++)
    add(
      i < 10 ? 'liquid-in-variables' : i < 20 ? 'control-chars' : 'rtl-and-emoji',
      JSON.stringify(order(frenchMobile(940000 + i), awkward[i % awkward.length])),
      { kind: 'final' },
    );
  for (let i = 0; i < 10; i++) {
    const id = `poison-${run}-duplicate-${i}`;
    for (let copy = 0; copy < 2; copy++)
      out.push({
        id,
        family: 'duplicate-event-id',
        topic: Topics.OrderPlaced,
        key: `${id}-${copy}`,
        value: JSON.stringify(order(frenchMobile(950000 + i))),
        headers: ce(id),
        expect: { kind: 'one-message' },
      });
  }
  for (let i = 0; i < 20; i++) {
    const carrierMessageId = `FFFF${run}${i}`.toUpperCase();
    out.push({
      id: carrierMessageId,
      family: 'dlr-for-unknown-message',
      topic: Topics.CarrierReceiptsV1,
      key: carrierMessageId,
      value: JSON.stringify({
        carrierId: 'smsc-sim',
        carrierMessageId,
        state: 'delivered',
        rawStat: 'DELIVRD',
        rawErr: '000',
        dlrText: `id:${carrierMessageId} sub:001 dlvrd:001 stat:DELIVRD err:000`,
        receivedAt: new Date().toISOString(),
      }),
      headers: { ...ce(`dlr-${carrierMessageId}`, Topics.CarrierReceiptsV1) },
      expect: { kind: 'dlq', topic: `${Topics.CarrierReceiptsV1}.dlq`, codes: ['UNKNOWN_MESSAGE'] },
    });
  }
  return out;
}
