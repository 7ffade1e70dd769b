import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@herald/observability';

export type Via = 'kafka' | 'http';

// Event types come from producers; past this many distinct values they share one label.
const MAX_TYPE_LABELS = 200;

@Injectable()
export class IngestMetrics {
  readonly eventsConsumed;
  readonly notificationsEmitted;
  readonly eventsSkipped;
  readonly duplicates;
  readonly eventsRejected;
  readonly notificationsTooOld;
  readonly httpRequests;
  readonly templateKeyReads;

  constructor(m: MetricsRegistry) {
    this.eventsConsumed = m.counter('events_consumed_total', 'Domain events received, by event type and channel', [
      'type',
      'via',
    ]);
    this.notificationsEmitted = m.counter(
      'notifications_emitted_total',
      'sms.requested.v1 records emitted, by template and category',
      ['template', 'category'],
    );
    this.eventsSkipped = m.counter('events_skipped_total', 'Events skipped because no rule maps their type', [
      'type',
      'via',
    ]);
    this.duplicates = m.counter(
      'duplicate_events_total',
      'Events already seen as another record or request (source + id)',
      ['type', 'via'],
    );
    this.eventsRejected = m.counter(
      'events_rejected_total',
      'Events refused (bad recipient or payload), by error code',
      ['type', 'via', 'code'],
    );
    this.notificationsTooOld = m.counter(
      'notifications_too_old_total',
      'Notifications already past their TTL or maximum event age at ingest, ended expired (TOO_OLD)',
      ['category'],
    );
    this.httpRequests = m.counter('http_requests_total', 'HTTP requests, by route and status', [
      'route',
      'method',
      'status',
    ]);
    this.templateKeyReads = m.counter(
      'template_key_reads_total',
      "Reads of templating's template keys, by reason (startup, periodic, miss) and result (ok, failed)",
      ['reason', 'result'],
    );
  }

  private readonly typeLabels = new Set<string>();

  /** A bounded label for an event type, so a producer sending random types cannot blow up the series count. */
  typeLabel(type: string): string {
    if (this.typeLabels.has(type)) return type;
    if (this.typeLabels.size >= MAX_TYPE_LABELS) return 'other';
    this.typeLabels.add(type);
    return type;
  }
}
