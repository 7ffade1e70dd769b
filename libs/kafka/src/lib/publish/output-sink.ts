import type { PayloadOf, TopicName } from '@herald/contracts';
import type { OutboundRecord, PublishOptions } from './outbound-record';
import type { Publisher } from './publisher';

/** Where a use case puts what it publishes: a handler's BatchContext (produced with the batch), or a RecordCollector. */
export interface OutputSink {
  publish<T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions): void;
}

/** An OutputSink outside a handler (a scheduler, an HTTP call): builds each record now, for one `sendBatch` later. */
export class RecordCollector implements OutputSink {
  readonly records: OutboundRecord[] = [];

  constructor(private readonly publisher: Pick<Publisher, 'build'>) {}

  publish<T extends TopicName>(topic: T, payload: PayloadOf<T>, opts: PublishOptions): void {
    this.records.push(this.publisher.build(topic, payload, opts));
  }
}
