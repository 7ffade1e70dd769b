import type { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@herald/observability';

/** Every dispatch metric, created once; names become herald_dispatch_<noun>_<unit>. */
export class DispatchMetrics {
  readonly submits: Counter<'carrier' | 'outcome'>;
  readonly submitSeconds: Histogram<'carrier'>;
  readonly inFlight: Gauge<'carrier'>;
  readonly throttles: Counter<'carrier'>;
  readonly circuitState: Gauge<'carrier'>;
  readonly bound: Gauge<'carrier'>;
  readonly ambiguous: Counter<'carrier' | 'cause'>;
  readonly bucketWaitSeconds: Histogram<'carrier'>;
  readonly messages: Counter<'result'>;
  readonly dlrsPublished: Counter<'carrier'>;
  readonly mosPublished: Counter<'carrier'>;
  readonly carrierEventsRejected: Counter<'carrier' | 'kind'>;
  readonly webhookRejections: Counter<'reason'>;
  readonly webhookDuplicates: Counter<'carrier'>;
  readonly reroutes: Counter<'carrier' | 'outcome'>;
  readonly parkedMessages: Gauge<'country'>;
  readonly parkedOldestSeconds: Gauge<'country'>;
  readonly statusesResent: Counter<'status'>;

  constructor(m: MetricsRegistry) {
    this.submits = m.counter('carrier_submits_total', 'Submits to a carrier by outcome (one per message attempt).', [
      'carrier',
      'outcome',
    ]);
    this.submitSeconds = m.histogram(
      'carrier_submit_seconds',
      'Time from submit to the carrier answer, all parts.',
      ['carrier'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    );
    this.inFlight = m.gauge(
      'carrier_window_in_flight',
      'submit_sm awaiting submit_sm_resp on the bind (HTTP: requests).',
      ['carrier'],
    );
    this.throttles = m.counter(
      'carrier_throttles_total',
      'Throttled submits (ESME_RTHROTTLED, ESME_RMSGQFUL, HTTP 429).',
      ['carrier'],
    );
    this.circuitState = m.gauge('carrier_circuit_state', 'Circuit per carrier: 0 closed, 1 half-open, 2 open.', [
      'carrier',
    ]);
    this.bound = m.gauge('carrier_bound', '1 when the carrier connection is bound and usable.', ['carrier']);
    this.ambiguous = m.counter(
      'ambiguous_sends_total',
      'Messages that may have reached a carrier but were not confirmed; never resent.',
      ['carrier', 'cause'],
    );
    this.bucketWaitSeconds = m.histogram(
      'token_bucket_wait_seconds',
      'Wait for MPS tokens (segments) before a submit.',
      ['carrier'],
      [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.messages = m.counter(
      'messages_total',
      'Consumed messages by result (submitted, failed, expired, ambiguous, skipped, invalid).',
      ['result'],
    );
    this.dlrsPublished = m.counter('dlrs_published_total', 'Delivery receipts published to carrier.receipts.v1.', [
      'carrier',
    ]);
    this.mosPublished = m.counter('mos_published_total', 'MO messages published to carrier.inbound.v1.', ['carrier']);
    this.carrierEventsRejected = m.counter(
      'carrier_events_rejected_total',
      'deliver_sm that could not be read (unparseable receipt).',
      ['carrier', 'kind'],
    );
    // No carrier label: an unknown id must cost an attacker the same as a known one, metrics included.
    this.webhookRejections = m.counter(
      'webhook_rejections_total',
      'Carrier status callbacks refused, by reason (unauthenticated, stale, malformed).',
      ['reason'],
    );
    this.webhookDuplicates = m.counter(
      'webhook_duplicates_total',
      'Carrier status callbacks acknowledged without publishing: the same status was already recorded.',
      ['carrier'],
    );
    this.reroutes = m.counter(
      'reroutes_total',
      'Messages sent again through the next carrier after a final undelivered (outcome rerouted), and reports of an abandoned attempt not published (superseded_report).',
      ['carrier', 'outcome'],
    );
    // Read from the shared ledger, so every replica reports the same values: aggregate with max, not sum.
    this.parkedMessages = m.gauge(
      'parked_messages',
      'Messages parked in the send ledger (no usable route now), by recipient country; the whole table, not this replica.',
      ['country'],
    );
    this.parkedOldestSeconds = m.gauge(
      'parked_oldest_seconds',
      'Age of the oldest parked message (since it reached dispatch), by recipient country.',
      ['country'],
    );
    this.statusesResent = m.counter(
      'statuses_resent_total',
      'Statuses of released parked messages produced again by the outbox sweep (the first produce was cut short).',
      ['status'],
    );
  }
}
