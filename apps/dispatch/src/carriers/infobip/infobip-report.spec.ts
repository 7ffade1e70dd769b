import { readInfobipReports } from './infobip-report';

// The request sample of "Receive outbound SMS message report" (two results in one callback):
// https://www.infobip.com/docs/api/channels/sms/sms-messaging/logs-and-status-reports/receive-outbound-sms-message-report
const documented = {
  results: [
    {
      bulkId: 'BULK-ID-123-xyz',
      messageId: 'MESSAGE-ID-123-xyz',
      to: '41793026727',
      sentAt: '2019-11-09T16:00:00.000+0000',
      doneAt: '2019-11-09T16:00:00.000+0000',
      smsCount: 1,
      callbackData: 'callbackData',
      price: { pricePerMessage: 0.01, currency: 'EUR' },
      status: {
        groupId: 3,
        groupName: 'DELIVERED',
        id: 5,
        name: 'DELIVERED_TO_HANDSET',
        description: 'Message delivered to handset',
      },
      error: { groupId: 0, groupName: 'Ok', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
      entityId: 'promotional-traffic-entity',
      applicationId: 'marketing-automation-application',
    },
    {
      bulkId: 'BULK-ID-123-xyz',
      messageId: '12db39c3-7822-4e72-a3ec-c87442c0ffc5',
      to: '41793026834',
      sentAt: '2019-11-09T17:00:00.000+0000',
      doneAt: '2019-11-09T17:00:00.000+0000',
      smsCount: 1,
      price: { pricePerMessage: 0.01, currency: 'EUR' },
      status: {
        groupId: 3,
        groupName: 'DELIVERED',
        id: 5,
        name: 'DELIVERED_TO_HANDSET',
        description: 'Message delivered to handset',
      },
      error: { groupId: 0, groupName: 'Ok', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
    },
  ],
};
const read = (body: unknown) => readInfobipReports(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
const withResult = (over: Record<string, unknown>) => ({ results: [{ ...documented.results[1], ...over }] });

describe('readInfobipReports', () => {
  it('reads the documented sample: one report per result, callbackData as our message id', () => {
    expect(read(documented)).toEqual({
      ok: true,
      reports: [
        {
          carrierMessageId: 'MESSAGE-ID-123-xyz',
          state: 'delivered',
          rawStatus: 'DELIVERED_TO_HANDSET',
          messageId: 'callbackData',
          doneDate: '2019-11-09T16:00:00.000+0000',
        },
        {
          carrierMessageId: '12db39c3-7822-4e72-a3ec-c87442c0ffc5',
          state: 'delivered',
          rawStatus: 'DELIVERED_TO_HANDSET',
          doneDate: '2019-11-09T17:00:00.000+0000',
        },
      ],
    });
  });

  it.each([
    [{ groupId: 1, groupName: 'PENDING', id: 3, name: 'PENDING_WAITING_DELIVERY' }, 'enroute'],
    [{ groupId: 2, groupName: 'UNDELIVERABLE', id: 4, name: 'UNDELIVERABLE_REJECTED_OPERATOR' }, 'undelivered'],
    [{ groupId: 4, groupName: 'EXPIRED', id: 29, name: 'EXPIRED_DLR_UNKNOWN' }, 'expired'],
    [{ groupId: 5, groupName: 'REJECTED', id: 8, name: 'REJECTED_PREFIX_MISSING' }, 'rejected'],
  ])('maps %j to %s, the status name raw', (status, state) => {
    expect(read(withResult({ status }))).toEqual({
      ok: true,
      reports: [expect.objectContaining({ state, rawStatus: status.name })],
    });
  });

  it('keeps the error id raw when there is an error', () => {
    const error = { groupId: 1, groupName: 'HANDSET_ERRORS', id: 27, name: 'EC_ABSENT_SUBSCRIBER', permanent: false };
    const status = { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED' };
    expect(read(withResult({ status, error }))).toMatchObject({ ok: true, reports: [{ rawError: '27' }] });
  });

  it('reads an empty batch as nothing to publish', () => {
    expect(read({ results: [] })).toEqual({ ok: true, reports: [] });
  });

  it.each([
    ['not JSON', 'results=1', 'body is not JSON'],
    ['no results array', { results: {} }, 'results must be an array'],
    ['a result without messageId', withResult({ messageId: undefined }), 'results[0]: messageId is required'],
    ['a result without status name', withResult({ status: { groupId: 3 } }), 'results[0]: status.name is required'],
    ['an error that is not an object', withResult({ error: 'x' }), 'results[0]: error must be an object'],
  ])('is malformed for %s', (_what, body, detail) => {
    expect(read(body)).toEqual({ ok: false, reason: 'malformed', detail });
  });
});
