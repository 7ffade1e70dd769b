import { parseTraceparent } from '@herald/contracts';
import type { Tracer } from '@herald/observability';
import type { DlqRecord } from './dlq-record';
import type { OutboundRecord, PublishOptions } from './outbound-record';
import { publishSpan, type PendingSpan } from './publish-span';

/**
 * One span per output this publisher built, ended when the broker acks it. Keyed by the record
 * object, so DLQ copies and records built elsewhere (which mint no span id) get no span.
 */
export class PublishTracing {
  private readonly pending = new WeakMap<OutboundRecord | DlqRecord, PendingSpan>();

  constructor(
    private readonly tracer: Tracer,
    private readonly service: string,
  ) {}

  built(record: OutboundRecord, opts: PublishOptions, payload: unknown, start: Date): void {
    const own = parseTraceparent(record.headers.traceparent);
    if (!own || !this.tracer.isSampled(own.traceId)) return;
    const parentTraceparent = opts.parent?.attributes.traceparent;
    this.pending.set(record, publishSpan({ record, traceId: own.traceId, spanId: own.spanId, parentTraceparent, payload, service: this.service, startTimeMs: start.getTime() }));
  }

  acked(records: ReadonlyArray<OutboundRecord | DlqRecord>, endTimeMs: number): void {
    for (const record of records) {
      const span = this.pending.get(record);
      if (span === undefined) continue;
      this.pending.delete(record);
      this.tracer.record({ ...span, endTimeMs });
    }
  }
}
