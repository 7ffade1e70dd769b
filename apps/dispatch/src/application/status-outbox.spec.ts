import { Topics, type StatusMetaDto } from '@herald/contracts';
import type { OutboundRecord } from '@herald/kafka';
import type { HeraldLogger } from '@herald/observability';
import type { PendingStatus, ProducedStatus } from '../adapters/send-ledger.repository';
import { statusEventIdOf, type StoredResult } from '../domain/message-result';
import { StatusOutbox } from './status-outbox';

const meta = {
  sourceEventId: 'e1',
  sourceEventType: 'order.placed',
  templateKey: 'order.placed',
  locale: 'fr-FR',
  category: 'transactional',
  country: 'FR',
  recipientToken: 'tok',
} as StatusMetaDto;
const ID = (n: number) => `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;
const pending = (n: number): PendingStatus => ({
  messageId: ID(n),
  meta,
  result: {
    result: { status: 'expired', reason: 'TTL passed while parked', attempt: 0 },
    at: `2025-03-01T10:00:0${n}.000Z`,
  } as StoredResult,
});

function setup(batches: PendingStatus[][], batchSize = 2, produceFails = false) {
  const taken: Array<[number, number]> = [];
  const cleared: ProducedStatus[][] = [];
  const sent: OutboundRecord[][] = [];
  const build = (topic: string, payload: unknown, opts: { key: string; id?: string }, now: Date) => ({
    topic,
    key: opts.key,
    value: JSON.stringify(payload),
    headers: { ce_id: opts.id ?? '', ce_time: now.toISOString() },
  });
  const inc = jest.fn();
  const outbox = new StatusOutbox({
    ledger: {
      takePendingStatuses: async (olderThanMs: number, limit: number) => (
        taken.push([olderThanMs, limit]),
        batches.shift() ?? []
      ),
      statusesProduced: async (p: readonly ProducedStatus[]) => void cleared.push([...p]),
    },
    publisher: {
      build: build as never,
      sendBatch: async (r: ReadonlyArray<OutboundRecord>) => {
        if (produceFails) throw new Error('broker down');
        sent.push([...r]);
      },
    },
    metrics: { statusesResent: { inc } as never },
    logger: { warn: () => undefined } as unknown as HeraldLogger,
    service: 'dispatch',
    olderThanMs: 5000,
    batchSize,
  });
  return { outbox, taken, cleared, sent, inc };
}

describe('StatusOutbox', () => {
  it('re-produces each pending status as the writer built it (payload, ce_id, ce_time), then clears exactly those', async () => {
    const { outbox, sent, cleared, inc } = setup([[pending(1)]]);
    expect(await outbox.sweep()).toBe(1);
    const [r] = sent[0];
    expect(r.topic).toBe(Topics.SmsStatusV1);
    expect(r.key).toBe(ID(1));
    expect(JSON.parse(r.value)).toEqual({
      messageId: ID(1),
      status: 'expired',
      reasonCode: 'TTL_EXPIRED',
      reason: 'TTL passed while parked',
      service: 'dispatch',
      at: '2025-03-01T10:00:01.000Z',
      meta,
      attempt: 1,
    });
    expect(r.headers).toEqual({
      ce_id: statusEventIdOf(ID(1), pending(1).result),
      ce_time: '2025-03-01T10:00:01.000Z',
    });
    expect(cleared).toEqual([[{ messageId: ID(1), status: 'expired', at: '2025-03-01T10:00:01.000Z' }]]);
    expect(inc).toHaveBeenCalledWith({ status: 'expired' });
  });

  it('follows a full chunk at once and stops at a short one; nothing pending, nothing produced', async () => {
    const { outbox, taken, sent } = setup([[pending(1), pending(2)], [pending(3)], [pending(4)]]);
    expect(await outbox.sweep()).toBe(3);
    expect(taken).toEqual([
      [5000, 2],
      [5000, 2],
    ]);
    expect(sent.map((b) => b.length)).toEqual([2, 1]);
    const idle = setup([]);
    expect(await idle.outbox.sweep()).toBe(0);
    expect(idle.sent).toEqual([]);
  });

  it('clears nothing when the produce fails (the rows come back after their lease)', async () => {
    const { outbox, cleared } = setup([[pending(1)]], 2, true);
    await expect(outbox.sweep()).rejects.toThrow('broker down');
    expect(cleared).toEqual([]);
  });
});
