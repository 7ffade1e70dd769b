import type { PendingDlr } from '../adapters/pending-dlr.repository';
import type { StatusEvent } from '../domain/message-record';
import { HeldDlrs } from './held-dlrs';

const row = (id: string, carrierMessageId: string, receivedAt: string, messageId?: string): PendingDlr => ({
  id,
  carrierId: 'smsc-a',
  carrierMessageId,
  messageId,
  eventKey: `dlr:${id}`,
  payload: { carrierId: 'smsc-a', carrierMessageId, state: 'delivered', rawStat: 'DELIVRD', dlrText: '', receivedAt },
  attributes: { id, type: 'carrier.receipts.v1', source: 't', time: receivedAt, specversion: '1.0' },
  source: { topic: 'carrier.receipts.v1', partition: 0, offset: id },
  receivedAt,
  expiresAt: receivedAt,
});

const status = (messageId: string, carrierMessageId?: string): StatusEvent => ({
  kind: 'status',
  messageId,
  status: 'submitted',
  at: '2025-01-01T00:00:00.000Z',
  service: 'dispatch',
  meta: {
    sourceEventId: 'e',
    sourceEventType: 't',
    templateKey: 'k',
    locale: 'en',
    category: 'otp',
    country: 'FR',
    recipientToken: 'a'.repeat(64),
  },
  ...(carrierMessageId ? { carrierId: 'smsc-a', carrierMessageId } : {}),
});

describe('held DLRs of a batch', () => {
  it('hands each held DLR to its submit once, oldest first, by carrier key or carried message id', () => {
    const held = new HeldDlrs([
      row('2', 'cm-1', '2025-01-01T00:00:02.000Z'),
      row('1', 'cm-1', '2025-01-01T00:00:01.000Z', 'm-1'),
      row('3', 'cm-9', '2025-01-01T00:00:03.000Z', 'm-2'),
      row('4', 'cm-7', '2025-01-01T00:00:04.000Z'),
    ]);
    expect(held.claimFor(status('m-1', 'cm-1')).map((r) => r.id)).toEqual(['1', '2']);
    expect(held.claimFor(status('m-1', 'cm-1'))).toEqual([]);
    expect(held.claimFor(status('m-2')).map((r) => r.id)).toEqual(['3']);
    expect(held.claimedIds().sort()).toEqual(['1', '2', '3']);
  });
});
