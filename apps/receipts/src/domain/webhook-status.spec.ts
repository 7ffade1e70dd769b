import { Topics, validateTopicPayload } from '@herald/contracts';
import { webhookToReceipt } from './webhook-status';

describe('webhook status -> carrier receipt', () => {
  const receivedAt = new Date('2025-03-01T10:00:03.000Z');

  it('keeps the raw status and error code and validates as carrier.receipts.v1', () => {
    const r = webhookToReceipt(
      'smsc-a',
      { carrierMessageId: 'cm-1', status: 'delivered', errorCode: '000', timestamp: '2025-03-01T10:00:02Z' },
      receivedAt,
    );
    expect(r).toEqual({
      carrierId: 'smsc-a',
      carrierMessageId: 'cm-1',
      rawStat: 'delivered',
      rawErr: '000',
      doneDate: '2025-03-01T10:00:02Z',
      dlrText: 'webhook id:cm-1 stat:delivered err:000 done:2025-03-01T10:00:02Z',
      receivedAt: receivedAt.toISOString(),
    });
    expect(validateTopicPayload(Topics.CarrierReceiptsV1, r).ok).toBe(true);
  });

  it('omits the error code when the carrier sent none', () => {
    const r = webhookToReceipt(
      'smsc-a',
      { carrierMessageId: 'cm-1', status: 'UNDELIV', timestamp: '2025-03-01T10:00:02Z' },
      receivedAt,
    );
    expect(r).not.toHaveProperty('rawErr');
    expect(r.dlrText).not.toContain('err:');
  });
});
