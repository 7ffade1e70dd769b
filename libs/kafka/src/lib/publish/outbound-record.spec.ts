import { Topics, newTraceparent, parseTraceparent, type SmsOptoutV1 } from '@herald/contracts';
import { ORIGIN_TIME_HEADER, buildRecord } from './outbound-record';

const payload = {
  recipientToken: 'a'.repeat(64),
  brand: 'acme',
  action: 'opt_out',
  source: 'sms',
  at: '2026-01-01T00:00:00.000Z',
} as SmsOptoutV1;

describe('buildRecord', () => {
  it('adds CloudEvents headers and starts a trace when there is no parent', () => {
    const now = new Date('2026-11-22T10:00:00.000Z');
    const r = buildRecord(Topics.SmsOptoutsV1, payload, { key: 'k' }, 'compliance', now);
    expect(r.headers).toMatchObject({
      ce_type: 'sms.optouts.v1',
      ce_source: 'herald/compliance',
      ce_time: now.toISOString(),
      ce_specversion: '1.0',
      [ORIGIN_TIME_HEADER]: now.toISOString(),
    });
    expect(r.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseTraceparent(r.headers.traceparent)).toBeDefined();
    expect(JSON.parse(r.value)).toEqual(payload);
  });

  it('continues the parent trace and keeps the origin time of the business event', () => {
    const parentTrace = newTraceparent();
    const parent = {
      attributes: {
        id: 'p',
        type: 'order.placed',
        source: 'shop',
        time: '2026-11-22T09:00:00.000Z',
        specversion: '1.0' as const,
        traceparent: parentTrace,
      },
      headers: {},
    };
    const r = buildRecord(Topics.SmsOptoutsV1, payload, { key: 'k', parent }, 'x');
    expect(parseTraceparent(r.headers.traceparent)?.traceId).toBe(parseTraceparent(parentTrace)?.traceId);
    expect(r.headers.traceparent).not.toBe(parentTrace);
    expect(r.headers[ORIGIN_TIME_HEADER]).toBe('2026-11-22T09:00:00.000Z');
    const grandchild = buildRecord(
      Topics.SmsOptoutsV1,
      payload,
      { key: 'k', parent: { attributes: { ...parent.attributes, time: 'later' }, headers: r.headers } },
      'y',
    );
    expect(grandchild.headers[ORIGIN_TIME_HEADER]).toBe('2026-11-22T09:00:00.000Z');
  });
});
