import type { PublishOptions } from '@herald/kafka';
import type { MessageRecord, TimelineEntry } from '../domain/message-record';
import type { Transition } from '../domain/message-state.machine';
import type { PendingReceipt } from './receipt-emitter';

/** Everything one batch changes, accumulated in memory and written with one statement per table. */
export class BatchChanges {
  private readonly records = new Map<string, MessageRecord>();
  readonly timeline: TimelineEntry[] = [];
  readonly receipts: PendingReceipt[] = [];
  readonly ignored: Array<{ kind: TimelineEntry['kind']; reason: string }> = [];

  constructor(private readonly loaded: ReadonlyMap<string, MessageRecord>) {}

  /** The freshest version: changed earlier in this batch, else as loaded. */
  current(messageId: string): MessageRecord | undefined {
    return this.records.get(messageId) ?? this.loaded.get(messageId);
  }

  add(t: Transition, parent?: PublishOptions['parent']): void {
    this.records.set(t.record.messageId, t.record);
    this.timeline.push(t.entry);
    if (t.receipt) this.receipts.push({ receipt: t.receipt, cause: t.entry.kind, parent });
    else if (t.entry.ignoredReason) this.ignored.push({ kind: t.entry.kind, reason: t.entry.ignoredReason });
  }

  changedRecords(): MessageRecord[] {
    return [...this.records.values()];
  }
}
