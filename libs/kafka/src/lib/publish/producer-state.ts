// Broker answers that mean this producer's idempotence state (producer id, epoch, sequence
// numbers) no longer matches the broker's: retrying with the same producer fails the same way.
const STALE_PRODUCER = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

/** Whether a produce error (or one it wraps, as kafkajs' retrier does) calls for a new producer. */
export function needsNewProducer(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    const err = cur as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof err.type === 'string' && STALE_PRODUCER.has(err.type)) return true;
    cur = err.cause ?? err.originalError;
  }
  return false;
}
