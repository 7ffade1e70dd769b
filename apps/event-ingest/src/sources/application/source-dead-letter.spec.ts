import { sourceDeadLetter } from './source-dead-letter';

describe('sourceDeadLetter', () => {
  it('puts the mapped event, as a structured CloudEvent, in the DLQ of its type with the reason and no Kafka position', () => {
    const event = {
      id: 'evt_1',
      source: '/sources/stripe-dev',
      type: 'payment.failed',
      time: '2026-12-05T09:00:00.000Z',
      subject: 'in_1',
    };
    const record = sourceDeadLetter(
      event,
      { customer: { firstName: 'Ana' } },
      'MISSING_RECIPIENT',
      'no phone number in the invoice.payment_failed webhook',
      'event-ingest',
      new Date('2026-12-05T09:00:01Z'),
    );
    expect(record.topic).toBe('payment.failed.dlq');
    expect(record.key?.toString()).toBe('in_1');
    expect(JSON.parse(record.value!.toString())).toEqual({
      specversion: '1.0',
      ...event,
      datacontenttype: 'application/json',
      data: { customer: { firstName: 'Ana' } },
    });
    expect(record.headers).toMatchObject({
      'content-type': 'application/cloudevents+json',
      'x-error-code': 'MISSING_RECIPIENT',
      'x-error-message': 'no phone number in the invoice.payment_failed webhook',
      'x-original-topic': 'payment.failed',
      'x-original-partition': '-1',
      'x-original-offset': '-1',
      'x-failed-at': '2026-12-05T09:00:01.000Z',
      'x-service': 'event-ingest',
    });
  });
});
