import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@herald/observability';

// Latency from submit to a final DLR spans seconds (most carriers) to days (handset off).
const DLR_LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 72 * 3600];

@Injectable()
export class ReceiptsMetrics {
  readonly receiptsPublished;
  readonly dlrs;
  readonly dlrLatency;
  readonly outcomes;
  readonly pendingDlrs;
  readonly unmatchedDlrs;
  readonly ignoredEvents;
  readonly inbound;

  constructor(m: MetricsRegistry) {
    this.receiptsPublished = m.counter(
      'receipts_published_total',
      'Receipts published on sms.receipts.v1, by canonical state',
      ['state'],
    );
    this.dlrs = m.counter('dlrs_total', 'Delivery receipts consumed, by the canonical state the carrier reported', [
      'state',
    ]);
    this.dlrLatency = m.histogram(
      'dlr_latency_seconds',
      'Submit to final DLR',
      ['carrier', 'country'],
      DLR_LATENCY_BUCKETS,
    );
    this.outcomes = m.counter('delivery_outcomes_total', 'Messages reaching a final state', [
      'carrier',
      'country',
      'state',
    ]);
    this.pendingDlrs = m.gauge('pending_dlrs', 'DLRs held until their submit is recorded');
    this.unmatchedDlrs = m.counter('unmatched_dlrs_total', 'Held DLRs never matched within the TTL, sent to the DLQ', [
      'carrier',
    ]);
    this.ignoredEvents = m.counter(
      'ignored_events_total',
      'Events that did not move a state (duplicate, after final, not forward)',
      ['kind', 'reason'],
    );
    this.inbound = m.counter('inbound_total', 'MO messages, by keyword class (other = left for the business)', [
      'class',
    ]);
  }
}
