import { MetricsRegistry, type HeraldLogger } from '@herald/observability';
import type { OutboundRecord, Publisher } from '@herald/kafka';
import type { PiiCipher } from '@herald/pii';
import { CorrelationCache } from '../application/correlation-cache';
import type { ReceiptEvent } from '../carriers/carrier-adapter';
import { DispatchMetrics } from '../dispatch.metrics';
import { CarrierEventsPublisher } from './carrier-events.publisher';
import type { SendLedgerRepository } from './send-ledger.repository';

const silent = { info: () => undefined, warn: () => undefined } as unknown as HeraldLogger;
const ANSWERED = '11111111-1111-5111-8111-111111111111';
const UNANSWERED = '22222222-2222-5222-8222-222222222222';
const PENDING = '33333333-3333-5333-8333-333333333333';

function setup() {
  const sent: OutboundRecord[] = [];
  const recorded: Array<{ carrierMessageId: string; messageId?: string }> = [];
  const publisher = {
    build: (topic: string, payload: unknown, opts: { key: string }) => ({ topic, key: opts.key, payload }),
    sendBatch: async (records: OutboundRecord[]) => void sent.push(...records),
  } as unknown as Publisher;
  const ledger = {
    recordDlrs: async (rows: Array<{ carrierMessageId: string; messageId?: string }>) => void recorded.push(...rows),
    messageIdsByCarrierIds: async () => [],
  } as unknown as SendLedgerRepository;
  const correlation = new CorrelationCache();
  correlation.remember('sim', ['cm-answered'], ANSWERED);
  correlation.remember('sim', ['cm-pending'], PENDING);
  const events = new CarrierEventsPublisher({
    publisher,
    correlation,
    ledger,
    cipher: {} as PiiCipher,
    tokenKey: 'k'.repeat(32),
    metrics: new DispatchMetrics(new MetricsRegistry('events-spec')),
    logger: silent,
    clock: { now: () => new Date('2025-03-01T10:00:00Z') },
    flushMs: 0,
    // PENDING's result row is still being written; every other message's is done.
    statuses: { produced: () => undefined, written: (id) => id !== PENDING },
  });
  return { events, sent, recorded };
}

const receipt = (carrierMessageId: string, messageId?: string): ReceiptEvent => ({
  carrierId: 'sim',
  carrierMessageId,
  state: 'delivered',
  rawStat: 'DELIVRD',
  ...(messageId ? { messageId } : {}),
});

describe('CarrierEventsPublisher', () => {
  it('publishes every receipt, and keeps in dlr_seen only the ones that prove more than the ledger holds (an echoed reference, a row not written yet)', async () => {
    const { events, sent, recorded } = setup();
    await Promise.all([
      events.receipt(receipt('cm-answered')),
      events.receipt(receipt('cm-answered', ANSWERED)),
      events.receipt(receipt('cm-echo', UNANSWERED)),
      events.receipt(receipt('cm-stranger')),
      events.receipt(receipt('cm-pending')),
    ]);
    expect(sent.map((r) => r.key)).toEqual([ANSWERED, ANSWERED, UNANSWERED, 'cm-stranger', PENDING]);
    expect(recorded).toEqual([
      expect.objectContaining({ carrierMessageId: 'cm-echo', messageId: UNANSWERED }),
      expect.objectContaining({ carrierMessageId: 'cm-pending', messageId: PENDING }),
    ]);
  });
});
