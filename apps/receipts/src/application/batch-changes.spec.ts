import type { StatusEvent } from '../domain/message-record';
import { applyDlr, applyStatus } from '../domain/message-state.machine';
import { recordSource } from '../domain/receipt-outbox';
import type { ChangedRow, LoadedMessage } from '../adapters/message.repository';
import { BatchChanges } from './batch-changes';

const ID = '6f1c2a52-8d0e-5d2b-9a51-0c4f3b7e2a10';
const opts = { dlrTimeoutMs: 3_600_000 };
const meta = {
  sourceEventId: 'ev-1',
  sourceEventType: 'order.placed',
  templateKey: 'order_placed',
  locale: 'fr-FR',
  category: 'transactional' as const,
  country: 'FR',
  recipientToken: 'a'.repeat(64),
  acceptedAt: '2025-03-01T09:59:59.000Z',
};
const submitted: StatusEvent = {
  kind: 'status',
  messageId: ID,
  status: 'submitted',
  at: '2025-03-01T10:00:00.000Z',
  service: 'dispatch',
  meta,
  carrierId: 'sim',
  carrierMessageId: 'cm-1',
};
const delivered = {
  kind: 'dlr' as const,
  carrierId: 'sim',
  carrierMessageId: 'cm-1',
  rawStat: 'DELIVRD',
  state: 'delivered' as const,
  at: '2025-03-01T10:00:02.000Z',
};
const S = recordSource('sms.status.v1', 0, '41');
const D = recordSource('carrier.receipts.v1', 2, '7');
const NOW = '2025-03-01T10:00:05.000Z';
const loadedOf = (row: ChangedRow): LoadedMessage => ({
  record: row.record,
  outbox: row.outbox,
  timeline: row.appended,
});

describe('BatchChanges: receipts committed with their row, produced after the commit', () => {
  it('queues milestone receipts with their source and keeps them in the row outbox', () => {
    const changes = new BatchChanges(new Map(), { produced: () => false, policy: 'milestones', now: NOW });
    changes.add(applyStatus(undefined, { ...submitted, status: 'accepted' }, opts), S);
    changes.add(applyStatus(changes.current(ID), submitted, opts), S);
    expect(changes.receipts.map((r) => r.entry.receipt.state)).toEqual(['submitted']);
    const [row] = changes.changedRows();
    expect(row.outbox).toEqual([
      expect.objectContaining({
        src: S,
        receipt: expect.objectContaining({ state: 'submitted', acceptedAt: meta.acceptedAt }),
      }),
    ]);
  });

  it('publishes every transition under the `all` policy', () => {
    const changes = new BatchChanges(new Map(), { produced: () => false, policy: 'all', now: NOW });
    changes.add(applyStatus(undefined, { ...submitted, status: 'accepted' }, opts), S);
    changes.add(applyStatus(changes.current(ID), submitted, opts), S);
    expect(changes.receipts.map((r) => r.entry.receipt.state)).toEqual(['accepted', 'submitted']);
  });

  it('produces again what the same record committed, and nothing for a duplicate at another offset', () => {
    const first = new BatchChanges(new Map(), { produced: () => false, policy: 'milestones', now: NOW });
    first.add(applyStatus(undefined, submitted, opts), S);
    const [row] = first.changedRows();
    const loaded = new Map([[ID, loadedOf(row)]]);

    const again = new BatchChanges(loaded, { produced: () => false, policy: 'milestones', now: NOW });
    again.replay(ID, S);
    again.add(applyStatus(again.current(ID), submitted, opts), S);
    expect(again.receipts.map((r) => [r.entry.id, r.cause])).toEqual([[first.receipts[0].entry.id, 'replay']]);

    const duplicate = new BatchChanges(loaded, { produced: () => false, policy: 'milestones', now: NOW });
    duplicate.replay(ID, recordSource('sms.status.v1', 0, '42'));
    duplicate.add(applyStatus(duplicate.current(ID), submitted, opts), recordSource('sms.status.v1', 0, '42'));
    expect(duplicate.receipts).toEqual([]);
    expect(duplicate.ignored).toEqual([{ kind: 'status', reason: 'duplicate' }]);

    const acked = new BatchChanges(loaded, {
      produced: (id: string) => id === first.receipts[0].entry.id,
      policy: 'milestones',
      now: NOW,
    });
    acked.replay(ID, S);
    expect(acked.receipts).toEqual([]);
  });

  it('drops acked entries from the outbox when the row is written again, keeps the unacked ones', () => {
    const first = new BatchChanges(new Map(), { produced: () => false, policy: 'milestones', now: NOW });
    first.add(applyStatus(undefined, submitted, opts), S);
    const loaded = new Map([[ID, loadedOf(first.changedRows()[0])]]);
    const submittedId = first.receipts[0].entry.id;

    const acked = new BatchChanges(loaded, {
      produced: (id: string) => id === submittedId,
      policy: 'milestones',
      now: NOW,
    });
    acked.add(applyDlr(acked.current(ID)!, delivered, opts), D);
    expect(acked.changedRows()[0].outbox.map((e) => e.receipt.state)).toEqual(['delivered']);

    const unacked = new BatchChanges(loaded, { produced: () => false, policy: 'milestones', now: NOW });
    unacked.add(applyDlr(unacked.current(ID)!, delivered, opts), D);
    expect(unacked.changedRows()[0].outbox.map((e) => [e.receipt.state, e.src])).toEqual([
      ['submitted', S],
      ['delivered', D],
    ]);
  });

  it('writes no row for a redelivered event, and appends each new event to the row timeline once', () => {
    const first = new BatchChanges(new Map(), { produced: () => false, policy: 'milestones', now: NOW });
    first.add(applyStatus(undefined, submitted, opts), S);
    const [row] = first.changedRows();
    expect(row.appended).toEqual([
      expect.objectContaining({
        kind: 'status',
        state: 'submitted',
        applied: true,
        recordedAt: NOW,
        eventKey: expect.any(String),
      }),
    ]);
    expect(row.appended[0]).not.toHaveProperty('messageId');
    const loaded = new Map([[ID, loadedOf(row)]]);

    const redelivered = new BatchChanges(loaded, { produced: () => true, policy: 'milestones', now: NOW });
    redelivered.add(applyStatus(redelivered.current(ID), submitted, opts), recordSource('sms.status.v1', 0, '43'));
    expect(redelivered.changedRows()).toEqual([]);

    const late = new BatchChanges(loaded, { produced: () => true, policy: 'milestones', now: NOW });
    late.add(applyDlr(late.current(ID)!, delivered, opts), D);
    late.add(applyDlr(late.current(ID)!, delivered, opts), D);
    const [written] = late.changedRows();
    expect(written.appended.map((e) => [e.kind, e.state, e.applied])).toEqual([['dlr', 'delivered', true]]);
    expect(written.outbox.map((e) => e.receipt.state)).toEqual(['delivered']);
  });
});
