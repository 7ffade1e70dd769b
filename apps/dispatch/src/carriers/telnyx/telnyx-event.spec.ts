import { readTelnyxEvent } from './telnyx-event';

const WEBHOOK_URL = 'https://herald.example/v1/carriers/telnyx-us/status?m=26bcc33f-54bc-53c2-bd06-89c6b787d038';

// Shaped on the documented deliveryUpdate webhook (https://developers.telnyx.com/api-reference/callbacks/delivery-update).
function event(eventType: string, status: string, errors: unknown[] = [], over: Record<string, unknown> = {}) {
  return Buffer.from(
    JSON.stringify({
      data: {
        record_type: 'event',
        id: '86f58db9-0fe3-4adc-9d1f-46e66e6e9323',
        event_type: eventType,
        occurred_at: '2019-01-23T18:10:02.574Z',
        payload: {
          record_type: 'message',
          direction: 'outbound',
          id: '40385f64-5717-4562-b3fc-2c963f66afa6',
          to: [{ phone_number: '+18665550001', status, carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless' }],
          webhook_url: WEBHOOK_URL,
          completed_at: eventType === 'message.finalized' ? '2019-01-23T18:10:03.000Z' : null,
          errors,
          ...over,
        },
      },
      meta: { attempt: 1, delivered_to: WEBHOOK_URL },
    }),
  );
}

describe('readTelnyxEvent', () => {
  it('reads message.finalized delivered with our message id from the signed webhook_url', () => {
    expect(readTelnyxEvent(event('message.finalized', 'delivered'))).toEqual({
      ok: true,
      reports: [
        {
          carrierMessageId: '40385f64-5717-4562-b3fc-2c963f66afa6',
          state: 'delivered',
          rawStatus: 'delivered',
          messageId: '26bcc33f-54bc-53c2-bd06-89c6b787d038',
          doneDate: '2019-01-23T18:10:03.000Z',
        },
      ],
    });
  });

  it('reads message.sent as enroute, dated by occurred_at', () => {
    expect(readTelnyxEvent(event('message.sent', 'sent'))).toMatchObject({
      ok: true,
      reports: [{ state: 'enroute', rawStatus: 'sent', doneDate: '2019-01-23T18:10:02.574Z' }],
    });
  });

  it('keeps the delivery error code raw', () => {
    const failed = event('message.finalized', 'delivery_failed', [{ code: '40008', title: 'Undeliverable' }]);
    expect(readTelnyxEvent(failed)).toMatchObject({
      reports: [{ state: 'undelivered', rawStatus: 'delivery_failed', rawError: '40008' }],
    });
  });

  it('reads a webhook without our id (a message not sent by Herald) without messageId', () => {
    const reading = readTelnyxEvent(event('message.finalized', 'delivered', [], { webhook_url: null }));
    expect(reading).toMatchObject({ ok: true, reports: [{ state: 'delivered' }] });
    expect(reading.ok && reading.reports[0].messageId).toBeUndefined();
  });

  it('acknowledges other events with nothing to publish', () => {
    expect(readTelnyxEvent(event('message.received', 'delivered'))).toEqual({ ok: true, reports: [] });
  });

  it.each([
    ['not JSON', Buffer.from('{"data":'), 'body is not JSON'],
    ['no data', Buffer.from('{"meta":{}}'), 'data.event_type is required'],
    ['no message id', event('message.finalized', 'delivered', [], { id: undefined }), 'data.payload.id is required'],
    ['no to', event('message.finalized', 'delivered', [], { to: [] }), 'data.payload.to[0].status is required'],
    ['unknown status', event('message.finalized', 'teleported'), 'status "teleported" is not a known Telnyx status'],
  ])('refuses a body with %s as malformed', (_name, body, detail) => {
    expect(readTelnyxEvent(body)).toEqual({ ok: false, reason: 'malformed', detail });
  });
});
